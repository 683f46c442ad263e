package org.torchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.Channel;
import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.Target;
import org.torchplan.policy.FleetPolicy;
import org.torchplan.testsupport.LoopbackWheelIndex;
import org.torchplan.testsupport.PipPlatforms;
import org.torchplan.testsupport.PipRunner;
import org.torchplan.testsupport.PytorchReleaseMatrix;
import org.torchplan.testsupport.VariedIndexPages;

/**
 * Every plan names wheels that exist where it says, on an index shaped unlike the recording the embedded snapshot
 * holds ({@link VariedIndexPages}: folders that are not backends, a backend with no wheels, a release the snapshot
 * has and the mirror lacks, an unpaired companion). The service starts from the embedded snapshot of
 * download.pytorch.org, refreshes from the loopback mirror, and plans for machines of every kind; each plan's step 1
 * (its index URL and pins, as handed out) then goes through real pip, which must install exactly the planned pins.
 */
class PlansOnAnUnseenIndexTest {

    private static final List<String> PACKAGES = List.of("torch", "torchvision", "torchaudio");

    private static LoopbackPlanning planning;
    private static final Map<String, CompletableFuture<Outcome>> OUTCOMES = new ConcurrentHashMap<>();

    /** A machine and what it asks for, and the pins a correct plan holds on this index. */
    record Machine(String description, PlanRequests request, List<String> expectedPins) {
        @Override
        public String toString() {
            return description;
        }
    }

    /** The plan, and what pip installed when handed its step 1. */
    record Outcome(PlanResult plan, PipRunner.DryRun pip) {}

    static Stream<Machine> machines() {
        return Stream.of(
                new Machine("no GPU, cp312 Linux glibc 2.35: torch torchvision torchaudio",
                        PlanRequests.linux().python("cp312").glibc("2.35")
                                .requirements("torch", "torchvision", "torchaudio"),
                        List.of("torch==2.11.0+cpu", "torchvision==0.26.0+cpu", "torchaudio==2.11.0+cpu")),
                new Machine("no GPU, cp312 Linux: torch torchvision, an unpaired torchvision on the index",
                        PlanRequests.linux().python("cp312").glibc("2.28").requirements("torch", "torchvision"),
                        List.of("torch==2.11.0+cpu", "torchvision==0.26.0+cpu")),
                new Machine("NVIDIA driver 570, compute capability 8.6, cp312 Linux glibc 2.28: torch torchvision",
                        PlanRequests.linux().python("cp312").glibc("2.28").nvidia("570.86.10", "8.6")
                                .requirements("torch", "torchvision"),
                        List.of("torch==2.11.0+cu129", "torchvision==0.26.0+cu129")),
                new Machine("NVIDIA driver 580, cp312 Windows: torch torchaudio",
                        PlanRequests.windows().python("cp312").nvidia("580.88").requirements("torch", "torchaudio"),
                        List.of("torch==2.11.0+cu130", "torchaudio==2.11.0+cu130")),
                new Machine("NVIDIA driver 535 (CUDA 12 minor-version compatibility), cp310 Linux glibc 2.28: torch",
                        PlanRequests.linux().python("cp310").glibc("2.28").nvidia("535.183.01").requirements("torch"),
                        List.of("torch==2.11.0+cu129")),
                new Machine("AMD gfx90a, cp312 Linux glibc 2.28: torch torchvision (the mirror has no rocm7 pages)",
                        PlanRequests.linux().python("cp312").glibc("2.28").amd("gfx90a")
                                .requirements("torch", "torchvision"),
                        List.of("torch==2.9.1+rocm6.4", "torchvision==0.24.1+rocm6.4")),
                new Machine("Intel GPU, cp312 Linux: the mirror's xpu pages list no wheels, so cpu",
                        PlanRequests.linux().python("cp312").glibc("2.28").intel().requirements("torch"),
                        List.of("torch==2.11.0+cpu")),
                new Machine("no GPU, cp38 Linux glibc 2.31 (Ubuntu 20.04): torch torchvision",
                        PlanRequests.linux().python("cp38").glibc("2.31").requirements("torch", "torchvision"),
                        List.of("torch==2.4.1+cpu", "torchvision==0.19.1+cpu")),
                new Machine("macOS 14 arm64, cp312: torch torchvision",
                        PlanRequests.macosArm64("14.0").python("cp312").requirements("torch", "torchvision"),
                        List.of("torch==2.11.0", "torchvision==0.26.0")),
                new Machine("cu126 asked for, cp312 Linux aarch64 glibc 2.28: torch",
                        PlanRequests.linux().python("cp312").arch(Architecture.AARCH64).glibc("2.28")
                                .backend("cu126").requirements("torch"),
                        List.of("torch==2.11.0+cu126")));
    }

    @BeforeAll
    static void planAndRunEveryFirstStep() throws IOException {
        PipRunner pip = PipRunner.locate();
        planning = LoopbackPlanning.start(
                LoopbackWheelIndex.start(new PytorchReleaseMatrix(), new VariedIndexPages()), PACKAGES);
        Planner planner = new Planner();
        machines().forEach(machine -> OUTCOMES.put(machine.description(), planning.submit(() -> {
            PlanRequest request = machine.request().build();
            PlanResult plan = planner.plan(planning.snapshotFor(request), request, FleetPolicy.OPEN);
            return new Outcome(plan, runFirstStep(pip, plan, request.target()));
        })));
    }

    @AfterAll
    static void stop() throws Exception {
        if (planning != null) {
            planning.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void pipInstallsExactlyThePinsOfStepOne(Machine machine) throws Exception {
        Outcome outcome = outcomeOf(machine);
        PlanResult plan = outcome.plan();

        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactlyElementsOf(machine.expectedPins());
        assertThat(outcome.pip().result().succeeded())
                .as("pip could not install step 1 of the plan for %s:%n%s", machine, outcome.pip().result().output())
                .isTrue();
        assertThat(LoopbackPlanning.choicesOf(outcome.pip().choices()))
                .as("pip's choices (name, version, file) for step 1 of %s", machine)
                .containsExactlyInAnyOrderElementsOf(LoopbackPlanning.choicesOf(plan));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("machines")
    void thePlanRestsOnTheMirrorAloneAndSaysSo(Machine machine) throws Exception {
        PlanResult plan = outcomeOf(machine).plan();

        assertThat(plan.catalog().source()).isEqualTo(CatalogSource.LIVE);
        assertThat(plan.catalog().stale()).isFalse();
        assertThat(plan.indexUrl()).startsWith(planning.index().indexRootUrl() + "/");
        assertThat(plan.packages()).allSatisfy(planned -> {
            assertThat(planned.url()).startsWith(planning.index().baseUrl() + "/files/");
            assertThat(planned.version()).doesNotContain(VariedIndexPages.VARIANT_VERSION)
                    .doesNotContain(".abi").doesNotContain(".with.").doesNotContain(".full");
        });
    }

    @Test
    void theIntelMachineIsToldItsGpuGoesUnused() throws Exception {
        PlanResult plan = outcomeOf(machines().filter(machine -> machine.description().startsWith("Intel"))
                .findFirst().orElseThrow()).plan();

        assertThat(plan.warnings()).anySatisfy(warning -> assertThat(warning).contains("the GPU goes unused"));
    }

    @Test
    void theCatalogCountsTheFilesOfFoldersThatAreNotBackends() {
        Map<String, Integer> stable = planning.catalog().unattributedFilesOf(Channel.STABLE);

        assertThat(stable).containsOnlyKeys("cpu-cxx11-abi", "cu121_pypi_cudnn", "cu126_full", "+cpu.cxx11.abi");
        assertThat(stable.values()).allSatisfy(count -> assertThat(count).isEqualTo(PACKAGES.size()));
    }

    private static Outcome outcomeOf(Machine machine) throws Exception {
        return LoopbackPlanning.await(OUTCOMES.get(machine.description()));
    }

    /** pip, handed the plan's step 1 as it is (its index, {@code --pre} if there, its pins), for the same machine. */
    private static PipRunner.DryRun runFirstStep(PipRunner pip, PlanResult plan, Target target) {
        List<String> argv = plan.steps().get(0).argv();
        List<String> arguments = argv.subList(argv.indexOf("install") + 1, argv.size());
        String indexUrl = arguments.get(arguments.indexOf("--index-url") + 1);
        List<String> extra = new ArrayList<>(List.of("--no-cache-dir"));
        List<String> pins = new ArrayList<>();
        for (int position = 0; position < arguments.size(); position++) {
            String argument = arguments.get(position);
            if (argument.equals("--index-url")) {
                position++;
            } else if (argument.startsWith("--")) {
                extra.add(argument);
            } else {
                pins.add(argument);
            }
        }
        return pip.dryRun(indexUrl, pins, target.python().version(), PipPlatforms.of(target),
                target.python().abiTag(), "cp", extra);
    }
}
