package org.torchplan.api;

import org.torchplan.pypi.PypiProjects;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.live.CatalogService;
import org.torchplan.plan.Planner;
import org.torchplan.policy.FleetPolicy;
import tools.jackson.databind.json.JsonMapper;

/** The planner is plain Java; this is the one place Spring learns about it and the path of its answers. */
@Configuration(proxyBeanMethods = false)
class PlanConfiguration {

    @Bean
    Planner planner() {
        return new Planner();
    }

    @Bean
    PlanMemo planMemo(PlanCacheProperties properties, MeterRegistry registry) {
        return new PlanMemo(properties, registry);
    }

    /** JSON is written with the application's mapper, the one Spring MVC would write the plan with. */
    @Bean
    PlanAnswers planAnswers(Planner planner, CatalogService catalog, FleetPolicy policy, PlanMetrics metrics,
            CatalogProperties catalogProperties, ObjectProvider<Clock> clock, JsonMapper json, PlanMemo memo,
            PypiProjects pypi) {
        return new PlanAnswers(planner, catalog, policy, metrics, catalogProperties,
                clock.getIfAvailable(Clock::systemUTC), json, memo, pypi);
    }

    @Bean
    WarmupGate warmupGate() {
        return new WarmupGate();
    }

    @Bean
    PlanWarmup planWarmup(PlanAnswers answers, WarmupProperties properties, WarmupGate gate) {
        return new PlanWarmup(answers, properties, gate);
    }

    /** The warm-up's own requests are not requests served: they stay out of {@code http.server.requests}. */
    @Bean
    ObservationPredicate warmupRequestsAreNotObserved(WarmupGate gate) {
        return (name, context) -> !(context instanceof ServerRequestObservationContext server
                && gate.isWarmup(server.getCarrier()));
    }
}
