package org.torchplan.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The operations surface as a load balancer, Kubernetes and Prometheus see it: the whole application, real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "torchplan.catalog.offline=true",
    "torchplan.catalog.refresh-on-start=false",
})
class ActuatorEndpointsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private HealthContributorRegistry healthContributors;

    @Autowired
    private MeterRegistry meterRegistry;

    @Test
    void livenessProbeAnswersUp() throws Exception {
        HttpResponse<String> response = get("/actuator/health/liveness");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("livenessState");
    }

    @Test
    void readinessProbeAnswersUpAndCarriesARequestId() throws Exception {
        HttpResponse<String> response = get("/actuator/health/readiness");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("readinessState");
        assertThat(response.headers().firstValue(RequestId.HEADER)).hasValueSatisfying(id -> assertThat(id).isNotBlank());
    }

    @Test
    void readinessWaitsForTheCatalog() throws Exception {
        assertThat(healthContributors.getContributor("catalog")).isNotNull();
        assertThat(get("/actuator/health/readiness").body()).contains("\"catalog\"");
    }

    @Test
    void prometheusEndpointExposesJvmMetricsTaggedWithTheApplication() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("application=\"torchplan\"");
    }

    @Test
    void planTimerIsPublishedAsAHistogramByOutcomeAndBackend() throws Exception {
        // buckets (not client-side percentiles), so Prometheus can sum them across replicas
        assertThat(get("/plan?requirement=torch&python=cp312&os=linux&arch=x86_64&driver=570.86.10").statusCode())
                .isEqualTo(200);
        assertThat(get("/plan?requirement=torch%3E%3D99&python=cp312&os=linux&arch=x86_64").statusCode()).isEqualTo(422);
        assertThat(get("/plan?requirement=torch&python=cp2&os=linux&arch=x86_64").statusCode()).isEqualTo(400);

        String metrics = get("/actuator/prometheus").body();

        assertThat(metrics).contains("torchplan_plan_seconds_bucket{").contains("le=\"+Inf\"");
        assertThat(meterRegistry.get("torchplan.plan").tags("outcome", "planned", "backend", "cu126").timer().count())
                .isEqualTo(1);
        assertThat(meterRegistry.get("torchplan.plan").tags("outcome", "unsatisfiable").timer().count()).isEqualTo(1);
        assertThat(meterRegistry.get("torchplan.plan").tags("outcome", "invalid").timer().count()).isEqualTo(1);
    }

    @Test
    void infoEndpointShowsTheBuild() throws Exception {
        HttpResponse<String> response = get("/actuator/info");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"build\"").contains("\"artifact\":\"torchplan-service\"")
                .contains("\"catalog\":{\"source\":\"snapshot\"").contains("\"snapshotRecordedAt\":\"2026-05-19");
    }

    @Test
    void onlyTheOperationsEndpointsAreExposed() throws Exception {
        assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
        assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
