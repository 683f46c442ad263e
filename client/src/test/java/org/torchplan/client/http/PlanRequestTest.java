package org.torchplan.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.torchplan.client.detect.DetectedGpu;
import org.torchplan.client.detect.Fact;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PlanRequestTest {

    @Test
    void nvidiaMachineRequestHasTheContractsFieldsAndOmitsUnsetChoices() {
        PlanRequest request = new PlanRequest(List.of("torch>=2.4", "torchvision"), "cp312", "linux", "x86_64",
                Optional.of("2.35"), Optional.empty(),
                Optional.of(new DetectedGpu.Nvidia(new Fact("570.86.10", "test"), Optional.of(new Fact("8.6", "test")),
                        List.of())),
                Optional.of("nightly"), Optional.empty(), Optional.empty(), Optional.of("uv"));

        JsonNode json = JsonMapper.shared().readTree(request.toJson());

        assertThat(json.path("requirements").get(1).stringValue()).isEqualTo("torchvision");
        assertThat(json.path("python").stringValue()).isEqualTo("cp312");
        assertThat(json.path("platform").path("os").stringValue()).isEqualTo("linux");
        assertThat(json.path("platform").path("glibc").stringValue()).isEqualTo("2.35");
        assertThat(json.path("platform").has("macos")).isFalse();
        assertThat(json.path("gpu").path("vendor").stringValue()).isEqualTo("nvidia");
        assertThat(json.path("gpu").path("driverVersion").stringValue()).isEqualTo("570.86.10");
        assertThat(json.path("gpu").path("computeCapability").stringValue()).isEqualTo("8.6");
        assertThat(json.path("channel").stringValue()).isEqualTo("nightly");
        assertThat(json.has("backend")).isFalse();
        assertThat(json.has("strategy")).isFalse();
        assertThat(json.path("installer").stringValue()).isEqualTo("uv");
    }

    @Test
    void amdGpuIsSentByArchitecture() {
        PlanRequest request = new PlanRequest(List.of("torch"), "cp311", "linux", "x86_64", Optional.empty(),
                Optional.empty(), Optional.of(new DetectedGpu.Amd(new Fact("gfx90a", "test"), List.of("gfx90a"))),
                Optional.empty(), Optional.of("rocm6.4"), Optional.empty(), Optional.empty());

        JsonNode json = JsonMapper.shared().readTree(request.toJson());

        assertThat(json.path("gpu").path("vendor").stringValue()).isEqualTo("amd");
        assertThat(json.path("gpu").path("architecture").stringValue()).isEqualTo("gfx90a");
        assertThat(json.path("backend").stringValue()).isEqualTo("rocm6.4");
    }
}
