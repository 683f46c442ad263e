package org.torchplan.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.function.Function;

/**
 * Answers to identical plan requests, kept while their inputs are current: a plan is a pure function of the request
 * and its {@link PlanInputsVersion}, so an answer found under the same key is the answer. Bounded in entries and in
 * bytes; answers of an older catalog snapshot or policy are never found again (their key differs) and age out.
 * Hits and misses are the {@code cache.gets} metric with {@code cache=plan-answers}.
 */
final class PlanMemo {

    static final String NAME = "plan-answers";

    /**
     * @param inputs what the plan depends on besides the request
     * @param request the parsed request in its canonical text ({@code PlanRequest.toString()}): every parsed value
     *     prints what the planner reads of it, so field order, blanks and JSON spelling do not matter
     * @param rendering the rendering asked for, by {@code format} or {@code Accept}
     */
    record Key(PlanInputsVersion inputs, String request, RenderingFormat rendering) {
    }

    /** null when memoizing is off */
    private final Cache<Key, RenderedPlan> answers;
    private final PlanCacheProperties properties;

    PlanMemo(PlanCacheProperties properties, MeterRegistry registry) {
        this.properties = properties;
        if (!properties.enabled()) {
            answers = null;
            return;
        }
        // Caffeine takes one bound; both hold when every answer weighs at least weight / entries
        long weightBound = properties.maximumWeight().toBytes();
        long leastWeight = properties.maximumEntries() == 0 ? weightBound + 1
                : Math.max(1, weightBound / properties.maximumEntries());
        answers = Caffeine.newBuilder()
                .maximumWeight(weightBound)
                .weigher((Key key, RenderedPlan answer) ->
                        (int) Math.min(Integer.MAX_VALUE,
                                Math.max(leastWeight, answer.weight() + 2L * key.request().length())))
                .recordStats()
                // evictions on the calling thread: the bounds hold when an answer returns, not some time after
                .executor(Runnable::run)
                .build();
        if (registry != null) {
            // the tag keys of the CacheManager's caches: Prometheus refuses meters of one name with other keys
            CaffeineCacheMetrics.monitor(registry, answers, NAME, "cache.manager", "none", "name", NAME);
        }
    }

    /**
     * An empty memo built as this one is (the same bounds, the same kind of cache, off when this one is off) whose
     * entries and counts are seen nowhere: the warm-up's, so that the warm-up runs the very code a repeated request
     * runs and leaves nothing in the memo real requests read.
     */
    PlanMemo scratch() {
        return new PlanMemo(properties, null);
    }

    /** The answer under {@code key}, computed once by {@code compute} when there is none; failures are not kept. */
    RenderedPlan get(Key key, Function<Key, RenderedPlan> compute) {
        return answers == null ? compute.apply(key) : answers.get(key, compute);
    }

    /** The answer under {@code key}, or null. */
    RenderedPlan find(Key key) {
        return answers == null ? null : answers.getIfPresent(key);
    }

    /** Replaces the answer under {@code key} (a re-rendering after the data aged). */
    void put(Key key, RenderedPlan answer) {
        if (answers != null) {
            answers.put(key, answer);
        }
    }
}
