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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.torchplan.catalog.live.CatalogService;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.Channel;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Target;
import org.torchplan.policy.FleetPolicy;
import org.torchplan.testsupport.LoopbackWheelIndex;
import org.torchplan.testsupport.PipPlatforms;
import org.torchplan.testsupport.PipRunner;

/**
 * The planner's pins are what pip itself would install: for fixed-backend scenarios, the planner runs over a catalog
 * the real {@link CatalogService} read from the loopback index (recorded pages, generated wheels), and real
 * {@code pip install --dry-run --report} resolves the same requirements from the index the plan names, for the same
 * target machine ({@code --python-version}, {@code --platform}, {@code --implementation}, {@code --abi},
 * {@code --only-binary=:all:}). pip must pick exactly the planned versions, local labels included, and the same files.
 *
 * <p>The pip runs cost seconds each, so they start together in {@link #planAndAskPip()} (two at a time, the build
 * machine has two cores) and each scenario waits for its own.
 */
class PlannerAgreesWithPipTest {

    /** The packages the loopback index records; the catalog reads only these. */
    private static final List<String> RECORDED_PACKAGES = List.of("torch", "torchvision", "torchaudio");
    private static LoopbackPlanning planning;
    private static final Map<String, CompletableFuture<Outcome>> OUTCOMES = new ConcurrentHashMap<>();

    /** One differential case: a request for a fixed backend, and what both must agree on (no pins: no plan). */
    record Scenario(String description, PlanRequests request, List<String> expectedPins) {
        @Override
        public String toString() {
            return description;
        }
    }

    /** The plan (or the planner's refusal) and what pip chose for the same requirements and machine. */
    record Outcome(PlanResult plan, UnsatisfiableRequestException refusal, PipRunner.DryRun pip) {}

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario("cu126 torch, cp312 Linux x86_64 glibc 2.28",
                        PlanRequests.linux().python("cp312").glibc("2.28").backend("cu126").requirements("torch"),
                        List.of("torch==2.12.0+cu126")),
                new Scenario("cu118 torch<2.5 torchvision, cp311 Linux x86_64 glibc 2.17 (manylinux2014 wheels)",
                        PlanRequests.linux().python("cp311").glibc("2.17").backend("cu118")
                                .requirements("torch<2.5", "torchvision"),
                        List.of("torch==2.4.1+cu118", "torchvision==0.19.1+cu118")),
                new Scenario("cpu torch torchvision torchaudio, cp311 Linux x86_64 glibc 2.35",
                        PlanRequests.linux().python("cp311").glibc("2.35").backend("cpu")
                                .requirements("torch", "torchvision", "torchaudio"),
                        List.of("torch==2.11.0+cpu", "torchvision==0.26.0+cpu", "torchaudio==2.11.0+cpu")),
                new Scenario("cu128 torch==2.8.*, cp312 Linux x86_64 glibc 2.28",
                        PlanRequests.linux().python("cp312").glibc("2.28").backend("cu128").requirements("torch==2.8.*"),
                        List.of("torch==2.8.0+cu128")),
                new Scenario("cu129 torch torchvision, Python 3.10 Linux x86_64 glibc 2.28",
                        PlanRequests.linux().python("3.10").glibc("2.28").backend("cu129")
                                .requirements("torch", "torchvision"),
                        List.of("torch==2.11.0+cu129", "torchvision==0.26.0+cu129")),
                new Scenario("cu126 torch, cp312 Linux glibc 2.17: every cu126 build needs glibc 2.28, no plan",
                        PlanRequests.linux().python("cp312").glibc("2.17").backend("cu126").requirements("torch"),
                        List.of()),
                new Scenario("nightly cu128 torch torchvision, cp312: the newest day both were built (--pre)",
                        PlanRequests.linux().python("cp312").glibc("2.28").backend("cu128").channel(Channel.NIGHTLY)
                                .requirements("torch", "torchvision"),
                        List.of("torch==2.12.0.dev20260407+cu128", "torchvision==0.27.0.dev20260407+cu128")),
                new Scenario("cu126 torch torchvision, cp312 Windows win_amd64",
                        PlanRequests.windows().python("cp312").backend("cu126").requirements("torch", "torchvision"),
                        List.of("torch==2.12.0+cu126", "torchvision==0.27.0+cu126")),
                new Scenario("cpu torch torchvision, cp312 macOS 14 arm64: no local label",
                        PlanRequests.macosArm64("14.0").python("cp312").backend("cpu")
                                .requirements("torch", "torchvision"),
                        List.of("torch==2.12.0", "torchvision==0.27.0")),
                new Scenario("cpu torch, cp312 macOS 13 arm64: torch 2.12.0 needs macOS 14",
                        PlanRequests.macosArm64("13.0").python("cp312").backend("cpu").requirements("torch"),
                        List.of("torch==2.11.0")),
                new Scenario("cu126 torch, free-threaded cp313t Linux aarch64 glibc 2.28",
                        PlanRequests.linux().python("cp313t").arch(Architecture.AARCH64).glibc("2.28")
                                .backend("cu126").requirements("torch"),
                        List.of("torch==2.12.0+cu126")),
                new Scenario("cpu torch<1.11 torchvision torchaudio, cp39 Linux aarch64 glibc 2.17: the release pairs",
                        PlanRequests.linux().python("cp39").arch(Architecture.AARCH64).glibc("2.17").backend("cpu")
                                .requirements("torch<1.11", "torchvision", "torchaudio"),
                        List.of("torch==1.10.2", "torchvision==0.11.3", "torchaudio==0.10.2")),
                new Scenario("cpu torch==1.12.0 torchvision torchaudio, cp39 Linux x86_64 glibc 2.17",
                        PlanRequests.linux().python("cp39").glibc("2.17").backend("cpu")
                                .requirements("torch==1.12.0", "torchvision", "torchaudio"),
                        List.of("torch==1.12.0+cpu", "torchvision==0.13.0+cpu", "torchaudio==0.12.0+cpu")));
    }

    @BeforeAll
    static void planAndAskPip() throws IOException {
        PipRunner pip = PipRunner.locate();
        planning = LoopbackPlanning.start(LoopbackWheelIndex.start(), RECORDED_PACKAGES);
        Planner planner = new Planner();
        scenarios().forEach(scenario -> OUTCOMES.put(scenario.description(), planning.submit(() -> {
            PlanRequest request = scenario.request().build();
            PipRunner.DryRun pipChoice = askPip(pip, request);
            try {
                return new Outcome(planner.plan(planning.snapshotFor(request), request, FleetPolicy.OPEN), null, pipChoice);
            } catch (UnsatisfiableRequestException refusal) {
                return new Outcome(null, refusal, pipChoice);
            }
        })));
    }

    @AfterAll
    static void stop() throws Exception {
        if (planning != null) {
            planning.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void pipInstallsExactlyThePlannedWheels(Scenario scenario) throws Exception {
        Outcome outcome = outcomeOf(scenario);
        if (scenario.expectedPins().isEmpty()) {
            assertThat(outcome.refusal()).as("the planner refuses %s", scenario).isNotNull();
            assertThat(outcome.pip().result().succeeded())
                    .as("pip finds no solution either, where the planner said %s; pip chose %s",
                            outcome.refusal().getMessage(), outcome.pip().choices())
                    .isFalse();
            assertThat(outcome.pip().result().output()).contains("No matching distribution found for torch");
            return;
        }
        assertThat(outcome.refusal()).as("the planner plans %s", scenario).isNull();
        PlanResult plan = outcome.plan();
        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactlyElementsOf(scenario.expectedPins());
        assertThat(outcome.pip().result().succeeded())
                .as("pip found no solution where the planner pinned %s:%n%s", scenario.expectedPins(),
                        outcome.pip().result().output())
                .isTrue();
        assertThat(LoopbackPlanning.choicesOf(outcome.pip().choices()))
                .as("pip's choices (name, version, file) for %s", scenario)
                .containsExactlyInAnyOrderElementsOf(LoopbackPlanning.choicesOf(plan));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void thePlanIsReadFromTheLoopbackIndexAndNamesTheIndexPipReads(Scenario scenario) throws Exception {
        PlanRequest request = scenario.request().build();
        Outcome outcome = outcomeOf(scenario);
        ComputeBackend backend = request.backend().orElseThrow();

        assertThat(planning.catalog().entry(request.channel(), backend, "torch").source()).isEqualTo(CatalogSource.LIVE);
        if (outcome.plan() != null) {
            assertThat(outcome.plan().backend()).isEqualTo(backend);
            assertThat(outcome.plan().indexUrl()).isEqualTo(indexUrl(request));
            assertThat(outcome.plan().preReleases()).isEqualTo(request.channel() != Channel.STABLE);
            assertThat(outcome.plan().packages())
                    .allSatisfy(planned -> assertThat(planned.url()).startsWith(planning.index().baseUrl() + "/files/"));
        }
    }

    private static Outcome outcomeOf(Scenario scenario) throws Exception {
        return LoopbackPlanning.await(OUTCOMES.get(scenario.description()));
    }

    /**
     * pip for the same machine: the requirements as asked (not the pins), from the backend's index, with
     * {@code --pre} on the nightly channel as the plan's step has it; no cache, so concurrent runs share nothing.
     */
    private static PipRunner.DryRun askPip(PipRunner pip, PlanRequest request) {
        Target target = request.target();
        List<String> extraArguments = new ArrayList<>(List.of("--no-cache-dir"));
        if (request.channel() != Channel.STABLE) {
            extraArguments.add("--pre");
        }
        List<String> requirements = request.requirements().stream().map(Requirement::toString).toList();
        return pip.dryRun(indexUrl(request), requirements, target.python().version(), PipPlatforms.of(target),
                target.python().abiTag(), "cp", extraArguments);
    }

    /** The loopback index of the request's channel and backend. */
    private static String indexUrl(PlanRequest request) {
        String backend = request.backend().orElseThrow().toString();
        return request.channel() == Channel.NIGHTLY ? planning.index().nightlyIndexUrl(backend) : planning.index().indexUrl(backend);
    }
}
