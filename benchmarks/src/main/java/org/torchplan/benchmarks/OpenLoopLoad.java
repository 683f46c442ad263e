package org.torchplan.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator (what wrk2 does): sends POST requests at a fixed rate whatever the answers, and
 * measures each latency from the moment its request was <em>due</em>, not from when it was sent. A service that
 * stalls for 100 ms therefore shows the requests that queued behind the stall as slow, where a closed-loop tool
 * (wrk) would simply send fewer of them (coordinated omission).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.torchplan.benchmarks.OpenLoopLoad URL RATE SECONDS BODY [MAX_IN_FLIGHT]</pre>
 *
 * Prints one line: {@code RESULT rate=... sent=... completed=... non_2xx=... errors=... p50_ms=... p99_ms=...
 * p999_ms=... max_ms=...}. Requests beyond MAX_IN_FLIGHT (default 256) wait for a free slot, and that wait counts in
 * their latency.
 */
public final class OpenLoopLoad {

    private OpenLoopLoad() {
    }

    public static void main(String[] arguments) throws Exception {
        if (arguments.length < 4) {
            System.err.println("usage: OpenLoopLoad URL RATE SECONDS BODY [MAX_IN_FLIGHT]");
            System.exit(2);
        }
        URI target = URI.create(arguments[0]);
        int rate = Integer.parseInt(arguments[1]);
        int seconds = Integer.parseInt(arguments[2]);
        byte[] body = arguments[3].getBytes(StandardCharsets.UTF_8);
        int maxInFlight = arguments.length > 4 ? Integer.parseInt(arguments[4]) : 256;
        System.out.println(run(target, rate, seconds, body, maxInFlight));
        System.exit(0); // the HTTP client's threads would keep the JVM alive
    }

    static String run(URI target, int rate, int seconds, byte[] body, int maxInFlight) throws InterruptedException {
        int total = rate * seconds;
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        AtomicInteger non2xx = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Semaphore slots = new Semaphore(maxInFlight);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int index = 0; index < total; index++) {
            long due = start + index * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            slots.acquire();
            int slot = index;
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                latencies[slot] = System.nanoTime() - due;
                if (failure != null) {
                    errors.incrementAndGet();
                } else if (response.statusCode() / 100 != 2) {
                    non2xx.incrementAndGet();
                }
                slots.release();
            });
        }
        slots.acquire(maxInFlight); // every request answered
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        long[] completed = Arrays.stream(latencies).filter(latency -> latency >= 0).sorted().toArray();
        return String.format(java.util.Locale.ROOT,
                "RESULT rate=%d sent=%d completed=%d achieved_per_second=%.0f non_2xx=%d errors=%d"
                        + " p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f",
                rate, total, completed.length, completed.length / elapsedSeconds, non2xx.get(), errors.get(),
                millis(percentile(completed, 0.50)), millis(percentile(completed, 0.99)),
                millis(percentile(completed, 0.999)), millis(completed.length == 0 ? 0 : completed[completed.length - 1]));
    }

    private static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
    }
}
