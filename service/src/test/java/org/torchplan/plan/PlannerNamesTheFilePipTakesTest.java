package org.torchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Target;
import org.torchplan.policy.FleetPolicy;
import org.torchplan.testsupport.LoopbackWheelIndex;
import org.torchplan.testsupport.PipInstallChoice;
import org.torchplan.testsupport.PipPlatforms;
import org.torchplan.testsupport.PipRunner;
import org.torchplan.testsupport.PytorchReleaseMatrix;
import org.torchplan.testsupport.RecordedIndexPages;

/**
 * Of several files of one version that install on the target, the plan names the very file (URL) pip takes, and its
 * digest: pip prefers the best tag, then the greater build tag, then the last of equal links on the page. The real
 * index has both cases: {@code torch-2.0.0-1-...aarch64} next to {@code torch-2.0.0-...aarch64}, and root files
 * listed on a backend's page next to a different file of the same name in the backend's folder (stable cpu
 * {@code fbgemm_gpu-0.6.0+cpu-...aarch64} at {@code /whl/} and {@code /whl/cpu/}). The second case is laid on the
 * recorded cpu torch page here: a root copy of the cp312 torch 2.11.0 wheel, listed after the folder's.
 */
class PlannerNamesTheFilePipTakesTest {

    private static final String FOLDER_COPY =
            "https://download-r2.pytorch.org/whl/cpu/torch-2.11.0%2Bcpu-cp312-cp312-manylinux_2_28_x86_64.whl";
    private static final String ROOT_COPY =
            "https://download-r2.pytorch.org/whl/torch-2.11.0%2Bcpu-cp312-cp312-manylinux_2_28_x86_64.whl";

    private static LoopbackPlanning planning;
    private static PipRunner pip;

    @BeforeAll
    static void start() throws Exception {
        RecordedIndexPages recorded = new RecordedIndexPages();
        Function<String, Optional<String>> pages = directory -> recorded.page(directory).map(page ->
                directory.equals("whl/cpu/torch/") ? withRootCopy(page) : page);
        planning = LoopbackPlanning.start(LoopbackWheelIndex.start(new PytorchReleaseMatrix(), pages), List.of("torch"));
        pip = PipRunner.locate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (planning != null) {
            planning.close();
        }
    }

    @Test
    void ofTwoFilesOfOneNameThePlanNamesTheLastLinkAsPipDoes() {
        PlanRequest request = PlanRequests.linux().python("cp312").glibc("2.28").backend("cpu")
                .requirements("torch==2.11.0").build();

        PlannedPackage torch = plan(request).packages().get(0);
        PipInstallChoice chosen = askPip(request);

        assertThat(URI.create(chosen.url()).getPath()).isEqualTo(URI.create(torch.url()).getPath())
                .startsWith("/files/whl/torch-2.11.0");
        assertThat(torch.acceptableSha256()).containsExactly(torch.sha256());
    }

    @Test
    void ofAWheelWithABuildTagAndOneWithoutThePlanNamesTheBuildTaggedOneAsPipDoes() {
        PlanRequest request = PlanRequests.linux().python("cp310").arch(Architecture.AARCH64).glibc("2.17")
                .backend("cpu").requirements("torch==2.0.0").build();

        PlannedPackage torch = plan(request).packages().get(0);
        PipInstallChoice chosen = askPip(request);

        assertThat(torch.filename()).startsWith("torch-2.0.0-1-");
        assertThat(URI.create(chosen.url()).getPath()).isEqualTo(URI.create(torch.url()).getPath());
    }

    private static PlanResult plan(PlanRequest request) {
        return new Planner().plan(planning.snapshotFor(request), request, FleetPolicy.OPEN);
    }

    private static PipInstallChoice askPip(PlanRequest request) {
        Target target = request.target();
        List<String> requirements = request.requirements().stream().map(Requirement::toString).toList();
        PipRunner.DryRun run = pip.dryRun(planning.index().indexUrl("cpu"), requirements, target.python().version(),
                PipPlatforms.of(target), target.python().abiTag(), "cp", List.of("--no-cache-dir"));
        assertThat(run.result().succeeded()).as(run.result().output()).isTrue();
        assertThat(run.choices()).hasSize(1);
        return run.choices().get(0);
    }

    /** The recorded page with a root copy of the folder's cp312 torch 2.11.0 wheel right after it. */
    private static String withRootCopy(String page) {
        int link = page.indexOf(FOLDER_COPY);
        int lineEnd = page.indexOf('\n', link);
        assertThat(link).as("the recorded cpu page lists the folder copy").isPositive();
        return page.substring(0, lineEnd + 1) + "    <a href=\"" + ROOT_COPY + "#sha256=" + "0".repeat(64) + "\">"
                + "torch-2.11.0+cpu-cp312-cp312-manylinux_2_28_x86_64.whl</a><br/>\n" + page.substring(lineEnd + 1);
    }
}
