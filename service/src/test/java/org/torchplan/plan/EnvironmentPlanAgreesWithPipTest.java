package org.torchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Target;
import org.torchplan.policy.FleetPolicy;
import org.torchplan.pypi.PypiMetrics;
import org.torchplan.pypi.PypiProjects;
import org.torchplan.pypi.PypiProperties;
import org.torchplan.testsupport.LoopbackWheelIndex;
import org.torchplan.testsupport.PipInstallChoice;
import org.torchplan.testsupport.PipPlatforms;
import org.torchplan.testsupport.PipRunner;
import org.torchplan.testsupport.ProcessResult;

/**
 * Plans of whole environments agree with pip. The loopback index serves the recorded cpu pages (generated wheels)
 * and a PyPI stand-in with third-party packages that bound or need PyTorch packages; for each request, real
 * {@code pip install --dry-run --report} with the backend's index first and the stand-in as an extra index (what a
 * user would run by hand) must pick exactly the environment the plan lists, and the plan's steps and its lock must
 * install with real pip into a venv, where {@code pip check} then passes.
 */
class EnvironmentPlanAgreesWithPipTest {

    private static LoopbackPlanning planning;
    private static PypiProjects pypi;
    private static PipRunner pip;
    private static Path pypiData;
    private final Planner planner = new Planner();

    @BeforeAll
    static void start() throws Exception {
        LoopbackWheelIndex index = LoopbackWheelIndex.start();
        // bounds torch from above, as packages built against one torch series do
        index.addPypiWheel("boundedpkg-1.0-py3-none-any.whl", List.of("torch<2.9", "helperlib>=1.0"), null);
        index.addPypiWheel("boundedpkg-0.9-py3-none-any.whl", List.of("torch<2.8", "helperlib>=1.0"), null);
        // needs a companion, as timm needs torchvision
        index.addPypiWheel("visionapp-1.0-py3-none-any.whl", List.of("torch>=2.0", "torchvision"), null);
        index.addPypiWheel("helperlib-1.0-py3-none-any.whl", List.of(), null);
        index.addPypiWheel("helperlib-1.1-py3-none-any.whl", List.of(), null);
        index.addPypiWheel("plainpkg-2.0-py3-none-any.whl", List.of("helperlib"), null);
        planning = LoopbackPlanning.start(index, List.of("torch", "torchvision", "torchaudio"));
        pypiData = Files.createTempDirectory("pypi-data");
        pypi = PypiProjects.standalone(PypiProperties.of(index.pypiIndexUrl()), CatalogProperties.defaults(pypiData),
                new PypiMetrics(new SimpleMeterRegistry()), Clock.systemUTC());
        pip = PipRunner.locate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pypi != null) {
            pypi.close();
        }
        if (planning != null) {
            planning.close();
        }
        PipRunner.deleteRecursively(pypiData);
    }

    @Test
    void aThirdPartyUpperBoundOnTorchChoosesTheNewestTorchBelowItAsPipDoes() {
        PlanRequest request = cpu("torch", "boundedpkg");

        PlanResult plan = plan(request);

        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.8.0+cpu");
        assertThat(plan.explanation()).anyMatch(line -> line.contains("left out: the rest of the environment"));
        assertThat(environment(plan)).isEqualTo(pipChoice(request));
        assertThat(plan.environment()).filteredOn(locked -> locked.name().equals("helperlib"))
                .extracting(LockedPackage::version, LockedPackage::index)
                .containsExactly(tuple("1.1", LockedPackage.THIRD_PARTY_INDEX));
    }

    @Test
    void aCompanionAThirdPartyPackageNeedsComesFromTheBackendsIndexPairedWithTorch() {
        PlanRequest request = cpu("torch", "visionapp");

        PlanResult plan = plan(request);

        assertThat(plan.packages()).extracting(PlannedPackage::name).containsExactly("torch", "torchvision");
        assertThat(plan.packages().get(1).url()).contains("/files/whl/cpu/");
        assertThat(environment(plan)).isEqualTo(pipChoice(request));
    }

    @Test
    void aRequestNamingNoPytorchPackageGetsTorchFromTheBackendWhenAPackageNeedsIt() {
        PlanRequest request = cpu("boundedpkg");

        PlanResult plan = plan(request);

        assertThat(plan.backend()).hasToString("cpu");
        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.8.0+cpu");
        assertThat(plan.explanation()).anyMatch(line -> line.startsWith("the requirements need torch"));
        assertThat(environment(plan)).isEqualTo(pipChoice(request));
    }

    @Test
    void aRequestWhoseEnvironmentNeedsNoPytorchPackagePlansNone() {
        PlanResult plan = plan(cpu("plainpkg"));

        assertThat(plan.backend()).isNull();
        assertThat(plan.packages()).isEmpty();
        assertThat(plan.steps()).hasSize(1);
        assertThat(plan.steps().get(0).argv()).contains("plainpkg==2.0", "helperlib==1.1")
                .doesNotContain("torch");
    }

    @Test
    void anInstalledTorchTheEnvironmentAcceptsIsKept() {
        PlanResult plan = plan(PlanRequests.linux().python("cp312").glibc("2.35").requirements("boundedpkg")
                .installed("torch==2.7.1+cpu", "helperlib==1.0").build());

        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.7.1+cpu");
        assertThat(plan.explanation()).anyMatch(line -> line.startsWith("keeps the installed torch 2.7.1+cpu"));
        assertThat(plan.environment()).filteredOn(locked -> locked.name().equals("helperlib"))
                .extracting(LockedPackage::version, LockedPackage::keptInstalled).containsExactly(tuple("1.0", true));
    }

    @Test
    void anInstalledTorchTheEnvironmentRejectsIsReplacedAndThePlanSaysWhy() {
        PlanResult plan = plan(PlanRequests.linux().python("cp312").glibc("2.35").requirements("boundedpkg")
                .installed("torch==2.9.1+cpu").build());

        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.8.0+cpu");
        assertThat(plan.explanation()).anyMatch(line -> line.startsWith("replaces the installed torch 2.9.1+cpu"));
    }

    @Test
    void aThirdPartyProjectTheIndexDoesNotHaveIsRefusedNamingIt() {
        assertThatThrownBy(() -> plan(cpu("torch", "no-such-project")))
                .isInstanceOf(UnsatisfiableRequestException.class)
                .hasMessageContaining("no-such-project");
    }

    @Test
    void theStepsAndTheLockInstallWithRealPipAndTheEnvironmentChecks() throws Exception {
        PlanRequest request = PlanRequests.linux().python(localPython()).glibc("2.35").backend("cpu")
                .requirements("torch", "boundedpkg", "visionapp").build();
        PlanResult plan = plan(request);
        Path directory = Files.createTempDirectory("environment-install");
        try {
            Path steps = pip.createVenv(directory.resolve("steps"));
            for (InstallStep step : plan.steps()) {
                List<String> argv = new ArrayList<>(step.argv());
                argv.set(0, steps.toString());
                PipRunner.run(argv, directory).requireSuccess();
            }
            assertThat(installed(steps, plan)).isEqualTo(environment(plan));
            PipRunner.pip(steps.toString(), List.of("check")).requireSuccess();

            Path locked = pip.createVenv(directory.resolve("lock"));
            Path lockFile = directory.resolve("requirements.txt");
            Files.writeString(lockFile, RequirementsFileRendering.render(plan));
            assertThat(Files.readString(lockFile)).contains("--hash=sha256:");
            PipRunner.pip(locked.toString(), List.of("install", "--require-hashes", "-r", lockFile.toString()))
                    .requireSuccess();
            assertThat(installed(locked, plan)).isEqualTo(environment(plan));
        } finally {
            PipRunner.deleteRecursively(directory);
        }
    }

    private PlanResult plan(PlanRequest request) {
        // the policy names the stand-in as the third-party index, as a fleet names its PyPI mirror
        FleetPolicy policy = new FleetPolicy(null, null, null, null, planning.index().pypiIndexUrl());
        return planner.plan(planning.snapshotFor(request), request, policy, pypi.forPlan(Duration.ofSeconds(30)));
    }

    private static PlanRequest cpu(String... requirements) {
        return PlanRequests.linux().python("cp312").glibc("2.35").backend("cpu").requirements(requirements).build();
    }

    /** Name to version of every distribution the plan lists. */
    private static Map<String, String> environment(PlanResult plan) {
        Map<String, String> versions = new TreeMap<>();
        plan.environment().forEach(locked -> versions.put(locked.name(), locked.version()));
        return versions;
    }

    /** What pip resolves for the same requirements with the backend's index first and PyPI as an extra index. */
    private static Map<String, String> pipChoice(PlanRequest request) {
        Target target = request.target();
        List<String> requirements = request.requirements().stream().map(Requirement::toString).toList();
        PipRunner.DryRun run = pip.dryRun(planning.index().indexUrl("cpu"), requirements, target.python().version(),
                PipPlatforms.of(target), target.python().abiTag(), "cp",
                List.of("--no-cache-dir", "--extra-index-url", planning.index().pypiIndexUrl()));
        assertThat(run.result().succeeded()).as(run.result().output()).isTrue();
        Map<String, String> versions = new TreeMap<>();
        for (PipInstallChoice choice : run.choices()) {
            versions.put(PackageName.normalize(choice.name()), choice.version());
        }
        return versions;
    }

    /** The versions a venv holds of the plan's distributions. */
    private static Map<String, String> installed(Path python, PlanResult plan) {
        Map<String, String> versions = new TreeMap<>();
        for (LockedPackage locked : plan.environment()) {
            ProcessResult version = PipRunner.run(List.of(python.toString(), "-c",
                    "from importlib import metadata; print(metadata.version('" + locked.name() + "'))"), null);
            versions.put(locked.name(), version.requireSuccess().output().strip());
        }
        return versions;
    }

    /** The tag of the Python that runs pip here: the venv installs only wheels for it. */
    private static String localPython() {
        return PipRunner.run(List.of(PipRunner.locate().python(), "-c",
                "import sys; print(f'cp{sys.version_info[0]}{sys.version_info[1]}')"), null)
                .requireSuccess().output().strip();
    }
}
