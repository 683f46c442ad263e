package org.torchplan.api;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Plans a representative set of requests ({@link WarmupRequests}) before the service reports ready: Spring Boot
 * turns readiness to ACCEPTING_TRAFFIC only after every {@link ApplicationRunner} returned, so the first real
 * requests meet compiled code instead of the interpreter. The plans take the path of {@code /plan} (body reading,
 * parsing, catalog snapshot, planner, rendering, JSON writing, entity tag) without HTTP, the memo and the metrics.
 * Bounded by {@code torchplan.warmup.max-duration} and {@code max-plans}; it never fails the start-up.
 */
final class PlanWarmup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PlanWarmup.class);

    private final PlanAnswers answers;
    private final WarmupProperties properties;
    private volatile Result result = new Result(0, 0, 0);

    /**
     * @param plans the plans made
     * @param refused the requests refused on the way (a 4xx answer over HTTP)
     * @param millis how long it took
     */
    record Result(int plans, int refused, long millis) {
    }

    PlanWarmup(PlanAnswers answers, WarmupProperties properties) {
        this.answers = answers;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (!properties.enabled() || properties.maxPlans() == 0) {
            log.info("Warm-up off (torchplan.warmup.enabled=false or max-plans=0)");
            return;
        }
        try {
            result = warmUp();
            log.info("Warm-up: {} plans ({} refused) in {} ms before readiness", result.plans(), result.refused(),
                    result.millis());
        } catch (RuntimeException | LinkageError unexpected) {
            log.warn("Warm-up stopped early; the service starts without it", unexpected);
        }
    }

    /** What the last warm-up did. */
    Result result() {
        return result;
    }

    private Result warmUp() {
        List<byte[]> bodies = WarmupRequests.bodies();
        RenderingFormat[] renderings = RenderingFormat.values();
        long start = System.nanoTime();
        long deadline = start + properties.maxDuration().toNanos();
        int plans = 0;
        int refused = 0;
        for (int index = 0; plans + refused < properties.maxPlans() && System.nanoTime() - deadline < 0; index++) {
            byte[] body = bodies.get(index % bodies.size());
            // JSON mostly, as clients ask; the other renderings often enough to be compiled too
            RenderingFormat rendering = index % 4 == 3 ? renderings[(index / 4) % renderings.length]
                    : RenderingFormat.JSON;
            try {
                answers.answerUnmemoized(PlanRequestReader.read(body), rendering);
                plans++;
            } catch (RuntimeException refusal) {
                // a 4xx over HTTP (no backend for the machine, a policy refusal): also a path requests take
                refused++;
            }
        }
        return new Result(plans, refused, (System.nanoTime() - start) / 1_000_000);
    }
}
