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
 * Runs a representative set of requests ({@link WarmupRequests}) through the request path before the service reports
 * ready: Spring Boot turns readiness to ACCEPTING_TRAFFIC only after every {@link ApplicationRunner} returned, so the
 * first real requests meet compiled code instead of the interpreter.
 *
 * <p>The requests go over HTTP to the service's own port on loopback, from two connections, so that all of the path
 * a request takes is compiled: Tomcat, the filters, Spring MVC, body reading, parsing, the catalog snapshot, the
 * planner, rendering, JSON writing, the entity tag (most of a plan's CPU is outside the planner). They are
 * answered as real requests are, memo included, but from a memo of the warm-up's own: each distinct request is
 * planned once, and when time is left (a faster machine, a longer warm-up) they are sent again and answered from
 * that memo, as a fleet's repeated requests are. The requests carry the {@link WarmupGate}'s token, which keeps them
 * out of the memo real requests read and out of the metrics. Without a web server (a test context) the same requests
 * are answered in process. Bounded by {@code torchplan.warmup.max-duration} and {@code max-plans} (requests, repeated
 * or not); it never fails the start-up.
 */
final class PlanWarmup implements ApplicationRunner, ApplicationListener<WebServerInitializedEvent> {

    /** Connections the warm-up sends on: as many as the two cores this service is measured on. */
    private static final int CONNECTIONS = 2;

    private static final Logger log = LoggerFactory.getLogger(PlanWarmup.class);

    private final PlanAnswers answers;
    private final WarmupProperties properties;
    private final WarmupGate gate;
    private volatile int port = -1;
    private volatile Result result = new Result(0, 0, 0, 0, false);

    /**
     * @param plans distinct requests planned
     * @param repeats requests sent again, once each distinct one was planned (answered from the warm-up's memo)
     * @param refused requests refused, repeated or not (a 4xx answer: also a path requests take)
     * @param millis how long it took
     * @param overHttp whether they went over HTTP (else in process)
     */
    record Result(int plans, int repeats, int refused, long millis, boolean overHttp) {

        int requests() {
            return plans + repeats + refused;
        }
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
            log.info("Warm-up: {} plans and {} repeated requests ({} refused) in {} ms before readiness, {}",
                    result.plans(), result.repeats(), result.refused(), result.millis(),
                    result.overHttp() ? "over HTTP on port " + port : "in process");
        } catch (RuntimeException | LinkageError unexpected) {
            log.warn("Warm-up stopped early; the service starts without it", unexpected);
        } finally {
            gate.close();
            answers.warmupOver();
        }
    }

    /** What the last warm-up did. */
    Result result() {
        return result;
    }

    private Result warmUpOverHttp(int serverPort) {
        List<byte[]> bodies = WarmupRequests.bodies();
        Budget budget = new Budget(properties, bodies.size());
        String token = gate.token();
        // a server that stops answering holds readiness back by about the warm-up's own bound, not more
        int timeoutMillis = (int) Math.max(100, Math.min(10_000, properties.maxDuration().toMillis()));
        Runnable sender = () -> {
            try (LoopbackPlanClient client = new LoopbackPlanClient(serverPort, token, timeoutMillis)) {
                for (Ticket ticket = budget.next(); ticket != null; ticket = budget.next()) {
                    budget.answered(ticket, client.post(bodies.get(ticket.index()), rendering(ticket.index()).id()));
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
        Result overHttp = budget.result(true);
        if (overHttp.requests() == 0) {
            return warmUpInProcess(); // the port did not answer: the path without HTTP is still worth compiling
        }
        return overHttp;
    }

    private Result warmUpInProcess() {
        List<byte[]> bodies = WarmupRequests.bodies();
        Budget budget = new Budget(properties, bodies.size());
        for (Ticket ticket = budget.next(); ticket != null; ticket = budget.next()) {
            try {
                answers.answerWarmup(bodies.get(ticket.index()), rendering(ticket.index()));
                budget.answered(ticket, 200);
            } catch (RuntimeException refusal) {
                // a 4xx over HTTP (no backend for the machine, a policy refusal): also a path requests take
                budget.answered(ticket, 400);
            }
        }
        return budget.result(false);
    }

    /** JSON mostly, as clients ask; the other renderings often enough to be compiled too. */
    private static RenderingFormat rendering(int index) {
        RenderingFormat[] renderings = RenderingFormat.values();
        return index % 4 == 3 ? renderings[(index / 4) % renderings.length] : RenderingFormat.JSON;
    }

    /** A request to send: the index of its body (its rendering goes by it too), and whether it is a repeat. */
    private record Ticket(int index, boolean repeat) {
    }

    /**
     * Which request goes next, shared by the connections: each distinct request once, then those again in turn, until
     * the time or the requests run out.
     */
    private static final class Budget {

        private final long start = System.nanoTime();
        private final long deadline;
        private final int maxRequests;
        private final int distinctRequests;
        private final AtomicInteger taken = new AtomicInteger();
        private final AtomicInteger plans = new AtomicInteger();
        private final AtomicInteger repeats = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();

        Budget(WarmupProperties properties, int distinctRequests) {
            this.deadline = start + properties.maxDuration().toNanos();
            this.maxRequests = properties.maxPlans();
            this.distinctRequests = distinctRequests;
        }

        /** The next request, or null when the time or the requests are spent. */
        Ticket next() {
            if (System.nanoTime() - deadline >= 0) {
                return null;
            }
            int number = taken.getAndIncrement();
            return number >= maxRequests ? null : new Ticket(number % distinctRequests, number >= distinctRequests);
        }

        void answered(Ticket ticket, int status) {
            (status >= 300 ? refused : ticket.repeat() ? repeats : plans).incrementAndGet();
        }

        Result result(boolean overHttp) {
            return new Result(plans.get(), repeats.get(), refused.get(), (System.nanoTime() - start) / 1_000_000,
                    overHttp);
        }
    }
}
