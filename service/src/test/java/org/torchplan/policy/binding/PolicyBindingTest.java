package org.torchplan.policy.binding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.torchplan.policy.FleetPolicy;

/** The policy binds with the request parsers, and a policy that could only fail plans stops the start-up instead. */
class PolicyBindingTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PolicyProperties.class)
    @Import(PolicyConfiguration.class)
    static class PolicyOnly {}

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(PolicyOnly.class);

    @Test
    void aBlockedRequirementWithAnEvaluableMarkerBinds() {
        context.withPropertyValues("torchplan.policy.blocked-requirements[0]=torch==2.6.0; sys_platform == \"win32\"")
                .run(started -> assertThat(started.getBean(FleetPolicy.class).blockedRequirements()).hasSize(1));
    }

    @Test
    void aBlockedRequirementWhoseMarkerCannotBeEvaluatedStopsTheStartUpNamingIt() {
        context.withPropertyValues("torchplan.policy.blocked-requirements[0]=torch==2.6.0; python_version ~= \"3\"")
                .run(started -> {
                    assertThat(started).hasFailed();
                    assertThat(started.getStartupFailure()).rootCause()
                            .hasMessageContaining("blocked-requirements: the marker of 'torch==2.6.0; python_version ~= \"3\"'")
                            .hasMessageContaining("cannot be evaluated");
                });
    }
}
