package org.torchplan.plan;

import java.util.Arrays;
import org.torchplan.catalog.InMemoryCatalog;
import org.torchplan.policy.FleetPolicy;

/**
 * A quick latency probe of one plan for {@code torch torchvision torchaudio} (or the requirements given as
 * arguments; driver 570, Linux x86_64, cp312) on
 * the full embedded stable catalog: warms up, then times single plans and prints percentiles. Not a test (timing
 * belongs to benchmarks); run with {@code java -cp <test classpath> org.torchplan.plan.PlannerBenchmark}.
 */
public final class PlannerBenchmark {

    private PlannerBenchmark() {
    }

    public static void main(String[] arguments) {
        InMemoryCatalog catalog = InMemoryCatalog.embeddedSnapshot();
        Planner planner = new Planner();
        String[] requirements = arguments.length > 0 ? arguments : new String[] {"torch", "torchvision", "torchaudio"};
        PlanRequest request = PlanRequests.linux().nvidia("570.86.10").requirements(requirements).build();
        int warmup = 200_000;
        int measured = 200_000;
        long sink = 0;
        for (int index = 0; index < warmup; index++) {
            sink += planner.plan(catalog, request, FleetPolicy.OPEN).packages().size();
        }
        long[] nanos = new long[measured];
        for (int index = 0; index < measured; index++) {
            long start = System.nanoTime();
            sink += planner.plan(catalog, request, FleetPolicy.OPEN).packages().size();
            nanos[index] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("plans: %d, p50 %.1f us, p90 %.1f us, p99 %.1f us (sink %d)%n", measured,
                nanos[measured / 2] / 1000.0, nanos[measured * 9 / 10] / 1000.0, nanos[measured * 99 / 100] / 1000.0,
                sink);
    }
}
