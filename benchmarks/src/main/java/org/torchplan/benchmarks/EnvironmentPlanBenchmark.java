package org.torchplan.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.storage.EmbeddedSnapshot;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.WheelFilename;
import org.torchplan.plan.PlanResult;
import org.torchplan.plan.Planner;
import org.torchplan.policy.FleetPolicy;
import org.torchplan.resolve.ProjectSource;

/**
 * A plan of a whole environment, in process, with the third-party index already held in memory (what a warm
 * service does once PyPI's pages and metadata are cached): torch and a transformers-like application of 24
 * third-party projects with 8 releases each, one of which bounds torch below 2.9, so the planner walks back from
 * torch 2.12 and resolves the environment around each candidate set it tries.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar EnvironmentPlanBenchmark} (see
 * {@code scripts/bench-plan}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class EnvironmentPlanBenchmark {

    private static final int PROJECTS = 24;
    private static final int RELEASES = 8;

    private final Planner planner = new Planner();
    private CatalogSnapshot stable;
    private ProjectSource thirdParty;

    @Setup
    public void load() {
        stable = EmbeddedSnapshot.stable();
        thirdParty = new InMemoryIndex();
        PlanResult bounded = boundedApplication();
        if (!bounded.packages().get(0).version().startsWith("2.8.") || bounded.environment().size() < PROJECTS / 2) {
            throw new IllegalStateException("unexpected plan: " + bounded.packages() + " " + bounded.environment());
        }
    }

    /** torch and an application whose dependency bounds torch below 2.9: several candidate sets are resolved. */
    @Benchmark
    public PlanResult boundedApplication() {
        return planner.plan(stable, PlanRequestsForBenchmarks.linuxNvidia(Channel.STABLE, "torch", "app0"),
                FleetPolicy.OPEN, thirdParty);
    }

    /** torch and an application that accepts the newest torch: one resolution. */
    @Benchmark
    public PlanResult unboundedApplication() {
        return planner.plan(stable, PlanRequestsForBenchmarks.linuxNvidia(Channel.STABLE, "torch", "app1"),
                FleetPolicy.OPEN, thirdParty);
    }

    /**
     * app0 and app1 each need half of the libraries (app0 through lib3, app1 through lib2), library k
     * needs library k+2 (a chain of 11 below each application); every release of lib3 needs torch below 2.9, so
     * each newer candidate set fails only after the resolver has tried them all; torch needs lib2 and lib3.
     */
    private static final class InMemoryIndex implements ProjectSource {

        private final Map<String, List<IndexedFile>> files = new HashMap<>();
        private final Map<String, DistributionMetadata> metadata = new HashMap<>();

        InMemoryIndex() {
            for (int project = 0; project < PROJECTS; project++) {
                String name = project < 2 ? "app" + project : "lib" + project;
                List<IndexedFile> releases = new ArrayList<>();
                for (int release = 0; release < RELEASES; release++) {
                    String version = "1." + release + ".0";
                    IndexedFile file = new IndexedFile(WheelFilename.parse(name + "-" + version + "-py3-none-any.whl"),
                            "https://pypi.example/" + name + "-" + version + ".whl", "%064x".formatted(project * 100 + release),
                            null, true, null, null);
                    releases.add(file);
                    metadata.put(file.url(), new DistributionMetadata(name, file.version(),
                            requires(project, release), Optional.empty(), List.of()));
                }
                files.put(name, releases);
            }
        }

        private static List<Requirement> requires(int project, int release) {
            List<Requirement> requires = new ArrayList<>();
            if (project < 2) {
                requires.add(Requirement.parse("torch>=2.0"));
                requires.add(Requirement.parse((project == 0 ? "lib3" : "lib2") + ">=1.0"));
            } else if (project + 2 < PROJECTS) {
                requires.add(Requirement.parse("lib" + (project + 2) + ">=1.0"));
            }
            if (project == 3) {
                requires.add(Requirement.parse("torch<2.9"));
            }
            return requires;
        }

        @Override
        public Optional<List<IndexedFile>> files(String normalizedName) {
            return Optional.ofNullable(files.get(normalizedName));
        }

        @Override
        public DistributionMetadata metadata(String normalizedName, IndexedFile file) {
            DistributionMetadata known = metadata.get(file.url());
            if (known != null) {
                return known;
            }
            // torch's own wheels (from the catalog): a dependency on lib2, as torch depends on filelock and sympy
            return new DistributionMetadata(normalizedName, file.version(), List.of(Requirement.parse("lib2")),
                    Optional.empty(), List.of());
        }
    }
}
