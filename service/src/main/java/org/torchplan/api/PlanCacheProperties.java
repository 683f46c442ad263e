package org.torchplan.api;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The memo of plan answers, from {@code torchplan.plan.cache.*}.
 *
 * @param enabled whether identical requests share one answer; false plans every request
 * @param maximumEntries answers kept at most (one per request, rendering and inputs version), and request bodies
 *     kept parsed at most
 * @param maximumWeight bytes kept at most: seven eighths for answers, counting each answer's body and the plan it was
 *     rendered from, one eighth for parsed request bodies; an entry counts at least its share divided by
 *     {@code maximumEntries}, which is how both bounds hold
 */
@ConfigurationProperties("torchplan.plan.cache")
record PlanCacheProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10000") long maximumEntries,
        @DefaultValue("64MB") DataSize maximumWeight) {

    PlanCacheProperties {
        if (maximumEntries < 0) {
            throw new IllegalArgumentException("torchplan.plan.cache.maximum-entries must not be negative");
        }
        if (maximumWeight == null || maximumWeight.isNegative()) {
            throw new IllegalArgumentException("torchplan.plan.cache.maximum-weight must not be negative");
        }
    }

    static PlanCacheProperties defaults() {
        return new PlanCacheProperties(true, 10_000, DataSize.ofMegabytes(64));
    }
}
