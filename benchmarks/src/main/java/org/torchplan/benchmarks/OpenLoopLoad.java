package org.torchplan.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * An open-loop load generator (what wrk2 does): sends POST requests at a fixed rate whatever the answers, and
 * measures each latency from the moment its request was <em>due</em>, not from when it was sent. A service that
 * stalls for 100 ms therefore shows the requests that queued behind the stall as slow, where a closed-loop tool
 * (wrk) would simply send fewer of them (coordinated omission). See {@link OpenLoopRun} for how.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.torchplan.benchmarks.OpenLoopLoad URL RATE SECONDS BODY [CONNECTIONS]</pre>
 *
 * CONNECTIONS (default 64) keep-alive HTTP/1.1 connections carry one request at a time each, so it is also the most
 * requests in flight; a request due while all are busy waits for one, and that wait counts in its latency. Prints
 * one line: {@code RESULT rate=... sent=... completed=... achieved_per_second=... non_2xx=... errors=... p50_ms=...
 * p99_ms=... p999_ms=... max_ms=... unsent=... sent_late_over_1s=... connections=... generator_cpu_s=...}, and a
 * warning on stderr when the run did not hold its rate. Exit status 0 after a run (whatever the service answered),
 * 2 for bad arguments, 1 when the service cannot be reached at all.
 */
public final class OpenLoopLoad {

    static final int DEFAULT_CONNECTIONS = 64;
    /** Latencies are kept one per request (8 bytes each): this bounds the memory to 800 MB. */
    static final long MAX_REQUESTS = 100_000_000L;
    /** How long the run waits after the last due time for requests still queued or unanswered. */
    static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final String USAGE = "usage: OpenLoopLoad URL RATE SECONDS BODY [CONNECTIONS, default "
            + DEFAULT_CONNECTIONS + "]";

    private OpenLoopLoad() {
    }

    public static void main(String[] arguments) throws InterruptedException {
        System.exit(run(arguments, System.out, System.err));
    }

    /** The whole command, testable: returns the exit status. */
    static int run(String[] arguments, PrintStream out, PrintStream err) throws InterruptedException {
        if (arguments.length < 4 || arguments.length > 5) {
            err.println(USAGE);
            return 2;
        }
        LoadTarget target;
        int rate;
        int seconds;
        int connections;
        try {
            target = LoadTarget.post(arguments[0], arguments[3].getBytes(StandardCharsets.UTF_8));
            rate = positive("RATE", arguments[1]);
            seconds = positive("SECONDS", arguments[2]);
            connections = arguments.length > 4 ? positive("CONNECTIONS", arguments[4]) : DEFAULT_CONNECTIONS;
            if ((long) rate * seconds > MAX_REQUESTS) {
                throw new IllegalArgumentException("RATE x SECONDS: at most " + MAX_REQUESTS + " requests in a run");
            }
        } catch (IllegalArgumentException bad) {
            err.println("error: " + bad.getMessage());
            err.println(USAGE);
            return 2;
        }
        long cpuBefore = processCpuNanos();
        LoadResult result;
        try {
            result = new OpenLoopRun(target, rate, seconds, connections, DRAIN_NANOS).run();
        } catch (ConnectException unreachable) {
            err.println("error: " + unreachable.getMessage() + " (is the service running?)");
            return 1;
        } catch (IOException failure) {
            err.println("error: the run failed: " + failure);
            return 1;
        }
        double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
        if (result.fellBehind()) {
            err.printf("warning: the rate was not held: %d requests never sent, %d sent more than 1 s after they were"
                    + " due (all %d connections were busy: the service, or this machine, could not keep up)%n",
                    result.unsent(), result.sentLate(), connections);
        }
        out.println(result.resultLine(cpuSeconds));
        return 0;
    }

    private static int positive(String name, String text) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException notNumber) {
            throw new IllegalArgumentException(name + ": not a whole number: " + text);
        }
        if (value <= 0) {
            throw new IllegalArgumentException(name + ": must be at least 1, got " + value);
        }
        return value;
    }

    /** CPU time of this whole process (all threads, JIT and GC included); -1 where the JVM does not say. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean system) {
            return system.getProcessCpuTime();
        }
        return -1;
    }
}
