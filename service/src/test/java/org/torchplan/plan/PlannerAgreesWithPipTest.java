package org.torchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.CatalogService;
import org.torchplan.catalog.CatalogSource;
import org.torchplan.catalog.Channel;
import org.torchplan.catalog.IndexProperties;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Target;
import org.torchplan.policy.FleetPolicy;
import org.torchplan.testsupport.LoopbackWheelIndex;
import org.torchplan.testsupport.PipInstallChoice;
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
    private static final Duration PIP_WAIT = Duration.ofMinutes(5);

    private static LoopbackWheelIndex index;
    private static CatalogService catalog;
    private static Path dataDirectory;
    private static ExecutorService pipRuns;
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
        index = LoopbackWheelIndex.start();
        dataDirectory = Files.createTempDirectory("planner-agrees-with-pip");
        CatalogProperties defaults = CatalogProperties.defaults(dataDirectory);
        // companion metadata off: pairing comes from the built-in release table, which pip's view (the wheels'
        // Requires-Dist) then checks, and no background fetch races the plans
        CatalogProperties properties = new CatalogProperties(RECORDED_PACKAGES, List.of(), defaults.ttl(), false,
                false, dataDirectory, defaults.upstream(), defaults.minRatio(), false);
        catalog = new CatalogService(properties, new IndexProperties(index.indexRootUrl()), new SimpleMeterRegistry());
        catalog.refreshChannel(Channel.STABLE);

        pipRuns = Executors.newFixedThreadPool(2);
        Planner planner = new Planner();
        scenarios().forEach(scenario -> OUTCOMES.put(scenario.description(), CompletableFuture.supplyAsync(() -> {
            PlanRequest request = scenario.request().build();
            PipRunner.DryRun pipChoice = askPip(pip, request);
            try {
                return new Outcome(planner.plan(catalog, request, FleetPolicy.OPEN), null, pipChoice);
            } catch (UnsatisfiableRequestException refusal) {
                return new Outcome(null, refusal, pipChoice);
            }
        }, pipRuns)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (pipRuns != null) {
            pipRuns.shutdownNow();
            pipRuns.awaitTermination(30, TimeUnit.SECONDS);
        }
        if (catalog != null) {
            catalog.destroy();
        }
        if (index != null) {
            index.close();
        }
        if (dataDirectory != null) {
            PipRunner.deleteRecursively(dataDirectory);
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
        assertThat(choicesOf(outcome.pip().choices()))
                .as("pip's choices (name, version, file) for %s", scenario)
                .containsExactlyInAnyOrderElementsOf(choicesOf(plan));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void thePlanIsReadFromTheLoopbackIndexAndNamesTheIndexPipReads(Scenario scenario) throws Exception {
        PlanRequest request = scenario.request().build();
        Outcome outcome = outcomeOf(scenario);
        ComputeBackend backend = request.backend().orElseThrow();

        assertThat(catalog.entry(request.channel(), backend, "torch").source()).isEqualTo(CatalogSource.LIVE);
        if (outcome.plan() != null) {
            assertThat(outcome.plan().backend()).isEqualTo(backend);
            assertThat(outcome.plan().indexUrl()).isEqualTo(indexUrl(request));
            assertThat(outcome.plan().preReleases()).isEqualTo(request.channel() != Channel.STABLE);
            assertThat(outcome.plan().packages())
                    .allSatisfy(planned -> assertThat(planned.url()).startsWith(index.baseUrl() + "/files/"));
        }
    }

    private static Outcome outcomeOf(Scenario scenario) throws Exception {
        try {
            return OUTCOMES.get(scenario.description()).get(PIP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof Exception cause ? cause : failed;
        }
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
        return pip.dryRun(indexUrl(request), requirements, target.python().version(), pipPlatforms(target),
                target.python().abiTag(), "cp", extraArguments);
    }

    /** The loopback index of the request's channel and backend. */
    private static String indexUrl(PlanRequest request) {
        String backend = request.backend().orElseThrow().toString();
        return request.channel() == Channel.NIGHTLY ? index.nightlyIndexUrl(backend) : index.indexUrl(backend);
    }

    /** What pip's {@code --platform} must list to stand for the target machine. */
    private static List<String> pipPlatforms(Target target) {
        String arch = target.arch() == Architecture.AARCH64 ? "aarch64" : "x86_64";
        return switch (target.os()) {
            case LINUX -> PipPlatforms.linux(target.effectiveGlibc().toString(), arch);
            case WINDOWS -> List.of(target.arch() == Architecture.AARCH64 ? "win_arm64" : "win_amd64");
            // pip expands a macOS platform to every older macOS version itself
            case MACOS -> List.of("macosx_" + target.effectiveMacos().major() + "_" + target.effectiveMacos().minor()
                    + "_" + (target.arch() == Architecture.AARCH64 ? "arm64" : "x86_64"));
        };
    }

    /** (normalized name, version, wheel file name) of pip's choices. */
    private static List<List<String>> choicesOf(List<PipInstallChoice> choices) {
        return choices.stream()
                .map(choice -> List.of(PackageName.normalize(choice.name()), choice.version(), fileName(choice.url())))
                .toList();
    }

    /** The same of the plan. */
    private static List<List<String>> choicesOf(PlanResult plan) {
        return plan.packages().stream()
                .map(planned -> List.of(planned.name(), planned.version(), fileName(planned.filename())))
                .toList();
    }

    /** The last path segment, percent-decoded ({@code %2B} is {@code +}): the wheel's file name. */
    private static String fileName(String urlOrName) {
        String path = urlOrName.contains("://") ? URI.create(urlOrName).getPath() : urlOrName;
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
