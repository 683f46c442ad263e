package org.torchplan.benchmarks;

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
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.storage.EmbeddedSnapshot;
import org.torchplan.plan.PlanRequest;
import org.torchplan.plan.PlanResult;
import org.torchplan.plan.Planner;
import org.torchplan.policy.FleetPolicy;

/**
 * One plan, in process: what {@code POST /plan} costs before HTTP and JSON. The stable benchmarks plan on the full
 * embedded snapshot (every backend, ~31,000 wheels), the nightly one on the recorded nightly pages. The request is
 * built once: the API parses it before calling the planner, and parsing is not the planner's cost.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PlanBenchmark -prof gc} (see {@code scripts/bench-plan}).
 * Sample time gives the percentiles (the goal is a p50 under 20 us for torch + torchvision + torchaudio);
 * {@code -prof gc} gives the bytes allocated per plan.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class PlanBenchmark {

    private final Planner planner = new Planner();
    private CatalogSnapshot stable;
    private CatalogSnapshot nightly;
    private PlanRequest torch;
    private PlanRequest torchVisionAudio;
    private PlanRequest nightlyTorchVisionAudio;

    @Setup
    public void loadCatalogs() {
        stable = EmbeddedSnapshot.stable();
        nightly = NightlyCatalog.load();
        torch = PlanRequestsForBenchmarks.linuxNvidia(Channel.STABLE, "torch");
        torchVisionAudio = PlanRequestsForBenchmarks.linuxNvidia(Channel.STABLE, "torch", "torchvision", "torchaudio");
        nightlyTorchVisionAudio =
                PlanRequestsForBenchmarks.linuxNvidia(Channel.NIGHTLY, "torch", "torchvision", "torchaudio");
        // a benchmark of a failing plan would measure the exception path: fail the run instead
        requirePackages(planner.plan(stable, torch, FleetPolicy.OPEN), 1);
        requirePackages(planner.plan(stable, torchVisionAudio, FleetPolicy.OPEN), 3);
        requirePackages(planner.plan(nightly, nightlyTorchVisionAudio, FleetPolicy.OPEN), 3);
    }

    @Benchmark
    public PlanResult stableTorch() {
        return planner.plan(stable, torch, FleetPolicy.OPEN);
    }

    @Benchmark
    public PlanResult stableTorchTorchvisionTorchaudio() {
        return planner.plan(stable, torchVisionAudio, FleetPolicy.OPEN);
    }

    @Benchmark
    public PlanResult nightlyTorchTorchvisionTorchaudio() {
        return planner.plan(nightly, nightlyTorchVisionAudio, FleetPolicy.OPEN);
    }

    private static void requirePackages(PlanResult plan, int expected) {
        if (plan.packages().size() != expected) {
            throw new IllegalStateException("expected " + expected + " planned packages, got " + plan.packages());
        }
    }
}
