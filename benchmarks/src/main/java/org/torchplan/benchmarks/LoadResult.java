package org.torchplan.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * What one open-loop run did, and its {@code RESULT} line. scripts/bench-rate reads {@code achieved_per_second},
 * {@code p50_ms}, {@code p99_ms}, {@code p999_ms}, {@code non_2xx} and {@code errors} from that line, by name: fields
 * are only ever added at its end.
 *
 * <p>Latency percentiles are over every answered request, 2xx or not; a request without an answer (a socket error,
 * or still unanswered when the run gave up) is in {@code errors} and has no latency.
 */
final class LoadResult {

    private final int rate;
    private final int total;
    private final int sent;
    private final int completed;
    private final int non2xx;
    private final int errors;
    private final int sentLate;
    private final int connections;
    private final long elapsedNanos;
    private final long[] sortedLatencies;

    /**
     * @param elapsedNanos from the first due time to the last answer
     * @param latencies    one per answered request, nanoseconds from its due time to its answer, any order
     */
    LoadResult(int rate, int total, int sent, int completed, int non2xx, int errors, int sentLate, int connections,
            long elapsedNanos, long[] latencies) {
        this.rate = rate;
        this.total = total;
        this.sent = sent;
        this.completed = completed;
        this.non2xx = non2xx;
        this.errors = errors;
        this.sentLate = sentLate;
        this.connections = connections;
        this.elapsedNanos = elapsedNanos;
        this.sortedLatencies = latencies.clone();
        Arrays.sort(sortedLatencies);
    }

    int sent() {
        return sent;
    }

    /** Requests never sent: the run gave up waiting for a connection. */
    int unsent() {
        return total - sent;
    }

    /** Requests sent more than {@link OpenLoopRun#LATE_NANOS} after they were due. */
    int sentLate() {
        return sentLate;
    }

    int completed() {
        return completed;
    }

    int non2xx() {
        return non2xx;
    }

    int errors() {
        return errors;
    }

    /** Nanoseconds at the given fraction (0.5 for the median) of the sorted latencies; the nearest-rank method. */
    long percentileNanos(double fraction) {
        if (sortedLatencies.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(fraction * sortedLatencies.length) - 1;
        return sortedLatencies[Math.max(0, Math.min(sortedLatencies.length - 1, index))];
    }

    long maxNanos() {
        return sortedLatencies.length == 0 ? 0 : sortedLatencies[sortedLatencies.length - 1];
    }

    double achievedPerSecond() {
        return elapsedNanos <= 0 ? 0 : completed / (elapsedNanos / 1e9);
    }

    /** Whether the run failed to hold its rate: requests unsent, or sent more than a second late. */
    boolean fellBehind() {
        return unsent() > 0 || sentLate > 0;
    }

    /** @param generatorCpuSeconds CPU time the generator process spent during the run */
    String resultLine(double generatorCpuSeconds) {
        return String.format(Locale.ROOT,
                "RESULT rate=%d sent=%d completed=%d achieved_per_second=%.0f non_2xx=%d errors=%d"
                        + " p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f"
                        + " unsent=%d sent_late_over_1s=%d connections=%d generator_cpu_s=%.2f",
                rate, sent, completed, achievedPerSecond(), non2xx, errors,
                millis(percentileNanos(0.50)), millis(percentileNanos(0.99)), millis(percentileNanos(0.999)),
                millis(maxNanos()), unsent(), sentLate, connections, generatorCpuSeconds);
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
