package org.torchplan.api;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.torchplan.plan.PlanRequest;
import org.torchplan.plan.PlanResult;
import org.torchplan.plan.PolicyViolationException;
import org.torchplan.plan.UnplannableRequirementException;
import org.torchplan.plan.UnsatisfiableRequestException;

/**
 * The {@code torchplan.plan} timer: how long planning takes, tagged with the outcome ({@code planned},
 * {@code invalid}, {@code forbidden}, {@code unsatisfiable}) and the chosen backend ({@code none} when no plan was
 * made). Its count per tag is the "plans by backend and by outcome" figure; the histogram is enabled in
 * application.yaml. Rendering and I/O are outside the timed part, so it measures the planner itself.
 */
@Component
class PlanMetrics {

    private static final String NAME = "torchplan.plan";

    private static final PlanMetrics UNCOUNTED = new PlanMetrics(null);

    /** null: nothing is recorded (the warm-up's requests) */
    private final MeterRegistry registry;

    PlanMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Metrics that run the same code and record nothing: the warm-up's plans are not plans served. */
    static PlanMetrics uncounted() {
        return UNCOUNTED;
    }

    /** Runs {@code parsing}; a request that does not parse is recorded as {@code invalid}. */
    PlanRequest parsed(Supplier<PlanRequest> parsing) {
        long start = System.nanoTime();
        try {
            return parsing.get();
        } catch (InvalidRequestException invalid) {
            count("invalid", "none", System.nanoTime() - start);
            throw invalid;
        }
    }

    /**
     * Runs {@code planning} (the planner alone: the catalog snapshot is taken before), recording its duration under
     * the outcome it ends with; exceptions pass through.
     */
    PlanResult record(Supplier<PlanResult> planning) {
        return record(planning, Function.identity());
    }

    /** The same for planning that answers more than the plan; {@code plan} reads the plan out of its answer. */
    <T> T record(Supplier<T> planning, Function<T, PlanResult> plan) {
        long start = System.nanoTime();
        String outcome = "error";
        String backend = "none";
        try {
            T answer = planning.get();
            outcome = "planned";
            PlanResult planned = plan.apply(answer);
            backend = planned.backend() == null ? "none" : planned.backend().toString();
            return answer;
        } catch (InvalidRequestException | UnplannableRequirementException invalid) {
            outcome = "invalid";
            throw invalid;
        } catch (PolicyViolationException forbidden) {
            outcome = "forbidden";
            throw forbidden;
        } catch (UnsatisfiableRequestException unsatisfiable) {
            outcome = "unsatisfiable";
            throw unsatisfiable;
        } finally {
            count(outcome, backend, System.nanoTime() - start);
        }
    }

    private void count(String outcome, String backend, long nanos) {
        if (registry == null) {
            return;
        }
        Timer.builder(NAME)
                .description("time to compute one install plan, by outcome and chosen backend")
                .tag("outcome", outcome)
                .tag("backend", backend)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
