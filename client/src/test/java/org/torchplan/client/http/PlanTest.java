package org.torchplan.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.torchplan.client.testing.Resources;

class PlanTest {

    @Test
    void theServicesPlanIsRead() {
        Plan plan = Plan.parse(Resources.text("/plans/cu126-with-pypi-step.json"));

        assertThat(plan.backend()).isEqualTo("cu126");
        assertThat(plan.packages()).extracting(Plan.PlannedPackage::version).containsExactly("2.12.0+cu126", "0.27.0+cu126");
        assertThat(plan.packages().get(1).sha256()).isEmpty();
        assertThat(plan.steps()).hasSize(2);
        assertThat(plan.steps().get(0).argv()).startsWith("python", "-m", "pip", "install");
        assertThat(plan.explanation()).hasSize(2);
        assertThat(plan.warnings()).containsExactly("glibc not given: assumed the newest");
        assertThat(plan.catalog().orElseThrow().stale()).isFalse();
    }

    @Test
    void somethingThatIsNotAPlanIsRejected() {
        assertThatThrownBy(() -> Plan.parse("<html>it works</html>")).isInstanceOf(Plan.MalformedPlanException.class);
        assertThatThrownBy(() -> Plan.parse("{\"status\":\"UP\"}")).isInstanceOf(Plan.MalformedPlanException.class);
        assertThatThrownBy(() -> Plan.parse("{\"steps\":[{\"argv\":[\"python\", 1]}]}"))
                .hasMessageContaining("not a string");
    }
}
