package org.torchplan.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.torchplan.plan.Planner;

/** The planner is plain Java; this is the one place Spring learns about it. */
@Configuration(proxyBeanMethods = false)
class PlanConfiguration {

    @Bean
    Planner planner() {
        return new Planner();
    }
}
