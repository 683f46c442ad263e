package org.torchplan.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Plans a representative set of requests ({@link WarmupRequests}) before the service reports ready: Spring Boot
 * turns readiness to ACCEPTING_TRAFFIC only after every {@link ApplicationRunner} returned, so the first real
 * requests meet compiled code instead of the interpreter.
 *
 * <p>The requests go over HTTP to the service's own port on loopback, from two connections, so that all of the path
 * a request takes is compiled: Tomcat, the filters, Spring MVC, body reading, parsing, the catalog snapshot, the
 * planner, rendering, JSON writing, the entity tag (most of a plan's CPU is outside the planner). They carry the
 * {@link WarmupGate}'s token, which keeps them out of the memo and the metrics. Without a web server (a test context)
 * the same requests are planned in process. Bounded by {@code torchplan.warmup.max-duration} and {@code max-plans};
 * it never fails the start-up.
 */
final class PlanWarmup implements ApplicationRunner, ApplicationListener<WebServerInitializedEvent> {

    /** Connections the warm-up sends on: as many as the two cores this service is measured on. */
    private static final int CONNECTIONS = 2;

    private static final Logger log = LoggerFactory.getLogger(PlanWarmup.class);

    private final PlanAnswers answers;
    private final WarmupProperties properties;
    private final WarmupGate gate;
    private volatile int port = -1;
    private volatile Result result = new Result(0, 0, 0, false);

    /**
     * @param plans the plans made
     * @param refused the requests refused on the way (a 4xx answer)
     * @param millis how long it took
     * @param overHttp whether they went over HTTP (else in process)
     */
    record Result(int plans, int refused, long millis, boolean overHttp) {
    }

    PlanWarmup(PlanAnswers answers, WarmupProperties properties, WarmupGate gate) {
        this.answers = answers;
        this.properties = properties;
        this.gate = gate;
    }

    /** The port of the service's own web server (not a separate management server's). */
    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    @Override
    public void run(ApplicationArguments arguments) {
        try {
            if (!properties.enabled() || properties.maxPlans() == 0) {
                log.info("Warm-up off (torchplan.warmup.enabled=false or max-plans=0)");
                return;
            }
            result = port > 0 ? warmUpOverHttp(port) : warmUpInProcess();
            log.info("Warm-up: {} plans ({} refused) in {} ms before readiness, {}", result.plans(), result.refused(),
                    result.millis(), result.overHttp() ? "over HTTP on port " + port : "in process");
        } catch (RuntimeException | LinkageError unexpected) {
            log.warn("Warm-up stopped early; the service starts without it", unexpected);
        } finally {
            gate.close();
        }
    }

    /** What the last warm-up did. */
    Result result() {
        return result;
    }

    private Result warmUpOverHttp(int serverPort) {
        List<byte[]> bodies = WarmupRequests.bodies();
        String token = gate.token();
        long start = System.nanoTime();
        long deadline = start + properties.maxDuration().toNanos();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger plans = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        // a server that stops answering holds readiness back by about the warm-up's own bound, not more
        int timeoutMillis = (int) Math.max(100, Math.min(10_000, properties.maxDuration().toMillis()));
        Runnable sender = () -> {
            try (LoopbackPlanClient client = new LoopbackPlanClient(serverPort, token, timeoutMillis)) {
                for (int index = next.getAndIncrement(); index < properties.maxPlans()
                        && System.nanoTime() - deadline < 0; index = next.getAndIncrement()) {
                    int status = client.post(bodies.get(index % bodies.size()), rendering(index).id());
                    (status < 300 ? plans : refused).incrementAndGet();
                }
            } catch (IOException | RuntimeException unreachable) {
                log.debug("Warm-up connection stopped: {}", unreachable.toString());
            }
        };
        List<Thread> senders = new ArrayList<>();
        for (int connection = 1; connection < CONNECTIONS; connection++) {
            Thread thread = new Thread(sender, "plan-warmup-" + connection);
            thread.setDaemon(true);
            thread.start();
            senders.add(thread);
        }
        sender.run();
        for (Thread thread : senders) {
            try {
                thread.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (plans.get() + refused.get() == 0) {
            return warmUpInProcess(); // the port did not answer: the path without HTTP is still worth compiling
        }
        return new Result(plans.get(), refused.get(), (System.nanoTime() - start) / 1_000_000, true);
    }

    private Result warmUpInProcess() {
        List<byte[]> bodies = WarmupRequests.bodies();
        long start = System.nanoTime();
        long deadline = start + properties.maxDuration().toNanos();
        int plans = 0;
        int refused = 0;
        for (int index = 0; plans + refused < properties.maxPlans() && System.nanoTime() - deadline < 0; index++) {
            try {
                answers.answerUnmemoized(PlanRequestReader.read(bodies.get(index % bodies.size())), rendering(index));
                plans++;
            } catch (RuntimeException refusal) {
                // a 4xx over HTTP (no backend for the machine, a policy refusal): also a path requests take
                refused++;
            }
        }
        return new Result(plans, refused, (System.nanoTime() - start) / 1_000_000, false);
    }

    /** JSON mostly, as clients ask; the other renderings often enough to be compiled too. */
    private static RenderingFormat rendering(int index) {
        RenderingFormat[] renderings = RenderingFormat.values();
        return index % 4 == 3 ? renderings[(index / 4) % renderings.length] : RenderingFormat.JSON;
    }
}
