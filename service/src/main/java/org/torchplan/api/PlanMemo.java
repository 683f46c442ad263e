package org.torchplan.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Arrays;
import java.util.function.Function;
import org.torchplan.plan.PlanRequest;

/**
 * Answers to identical plan requests, kept while their inputs are current: a plan is a pure function of the request
 * and its {@link PlanInputsVersion}, so an answer found under the same key is the answer. Bounded in entries and in
 * bytes; answers of an older catalog snapshot or policy are never found again (their key differs) and age out.
 * Hits and misses are the {@code cache.gets} metric with {@code cache=plan-answers}.
 *
 * <p>Beside the answers it keeps the parsed request of each request body it was sent ({@code cache=plan-requests}):
 * a fleet of identical machines sends identical bytes, and reading and checking the JSON was about a sixth of a
 * memoized answer's time. A body is the same body only byte for byte; one that does not parse is not kept. The
 * parsed requests take at most an eighth of {@code maximum-weight} and the answers the rest, so that the two together
 * stay within it.
 */
final class PlanMemo {

    static final String NAME = "plan-answers";
    static final String REQUESTS_NAME = "plan-requests";

    /** bytes counted per kept request body beside its own length and its canonical text (the objects around them) */
    private static final int REQUEST_OVERHEAD_BYTES = 256;

    /**
     * @param inputs what the plan depends on besides the request
     * @param request the parsed request in its canonical text ({@code PlanRequest.toString()}): every parsed value
     *     prints what the planner reads of it, so field order, blanks and JSON spelling do not matter
     * @param rendering the rendering asked for, by {@code format} or {@code Accept}
     */
    record Key(PlanInputsVersion inputs, String request, RenderingFormat rendering) {
    }

    /**
     * A request body as it was sent, compared byte for byte.
     */
    static final class Body {

        private final byte[] bytes;
        private final int hash;

        /** {@code bytes} is kept as it is: the caller hands it over and does not change it */
        Body(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        int length() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Body body && hash == body.hash && Arrays.equals(bytes, body.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /**
     * @param request the request a body parses to
     * @param canonical its canonical text ({@code request.toString()}), the request part of a {@link Key}
     */
    record Parsed(PlanRequest request, String canonical) {

        static Parsed of(PlanRequest request) {
            return new Parsed(request, request.toString());
        }
    }

    /** null when memoizing is off */
    private final Cache<Key, RenderedPlan> answers;
    /** null when memoizing is off */
    private final Cache<Body, Parsed> requests;
    private final PlanCacheProperties properties;

    PlanMemo(PlanCacheProperties properties, MeterRegistry registry) {
        this.properties = properties;
        if (!properties.enabled()) {
            answers = null;
            requests = null;
            return;
        }
        long weightBound = properties.maximumWeight().toBytes();
        long requestsBound = weightBound / 8;
        long answersBound = weightBound - requestsBound;
        answers = Caffeine.newBuilder()
                .maximumWeight(answersBound)
                .weigher((Key key, RenderedPlan answer) ->
                        weight(answer.weight() + 2L * key.request().length(), answersBound, properties))
                .recordStats()
                // evictions on the calling thread: the bounds hold when an answer returns, not some time after
                .executor(Runnable::run)
                .build();
        requests = Caffeine.newBuilder()
                .maximumWeight(requestsBound)
                .weigher((Body body, Parsed parsed) -> weight(
                        REQUEST_OVERHEAD_BYTES + body.length() + 2L * parsed.canonical().length(), requestsBound,
                        properties))
                .recordStats()
                .executor(Runnable::run)
                .build();
        if (registry != null) {
            // the tag keys of the CacheManager's caches: Prometheus refuses meters of one name with other keys
            CaffeineCacheMetrics.monitor(registry, answers, NAME, "cache.manager", "none", "name", NAME);
            CaffeineCacheMetrics.monitor(registry, requests, REQUESTS_NAME, "cache.manager", "none", "name",
                    REQUESTS_NAME);
        }
    }

    /**
     * Caffeine takes one bound, by weight; the bound in entries holds too when every entry weighs at least
     * {@code bound / maximumEntries}.
     */
    private static int weight(long bytes, long bound, PlanCacheProperties properties) {
        long leastWeight = properties.maximumEntries() == 0 ? bound + 1
                : Math.max(1, bound / properties.maximumEntries());
        return (int) Math.min(Integer.MAX_VALUE, Math.max(leastWeight, bytes));
    }

    /**
     * An empty memo built as this one is (the same bounds, the same kind of cache, off when this one is off) whose
     * entries and counts are seen nowhere: the warm-up's, so that the warm-up runs the very code a repeated request
     * runs and leaves nothing in the memo real requests read.
     */
    PlanMemo scratch() {
        return new PlanMemo(properties, null);
    }

    /**
     * The parsed request of {@code body}: kept from an earlier request of the same bytes, or made by {@code parse}
     * now and kept. A body {@code parse} refuses (its exception passes through) is not kept.
     */
    Parsed parsed(byte[] body, Function<byte[], PlanRequest> parse) {
        if (requests == null) {
            return Parsed.of(parse.apply(body));
        }
        Body key = new Body(body);
        Parsed kept = requests.getIfPresent(key);
        if (kept != null) {
            return kept;
        }
        Parsed parsed = Parsed.of(parse.apply(body));
        requests.put(key, parsed);
        return parsed;
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
