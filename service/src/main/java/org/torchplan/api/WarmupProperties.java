package org.torchplan.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The warm-up before readiness, from {@code torchplan.warmup.*}: plans run through the request path so that the JIT
 * has compiled it before the first request arrives.
 *
 * @param enabled whether to warm up at all
 * @param maxDuration the warm-up stops after this long, finished or not (it delays readiness by at most this)
 * @param maxPlans the warm-up stops after this many plans
 */
@ConfigurationProperties("torchplan.warmup")
record WarmupProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1500ms") Duration maxDuration,
        @DefaultValue("20000") int maxPlans) {

    WarmupProperties {
        if (maxDuration == null || maxDuration.isNegative()) {
            throw new IllegalArgumentException("torchplan.warmup.max-duration must not be negative");
        }
        if (maxPlans < 0) {
            throw new IllegalArgumentException("torchplan.warmup.max-plans must not be negative");
        }
    }
}
