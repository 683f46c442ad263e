package org.torchplan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
        assumeTrue(healthContributors.getContributor("catalog") != null,
                "no 'catalog' health contributor in this build yet (the catalog part provides it)");

        assertThat(get("/actuator/health/readiness").body()).contains("\"catalog\"");
    }

    @Test
    void prometheusEndpointExposesJvmMetricsTaggedWithTheApplication() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("jvm_memory_used_bytes").contains("application=\"torchplan\"");
    }

    @Test
    void planTimerIsPublishedAsAHistogramThatPrometheusCanAggregate() throws Exception {
        // The planner records torchplan.plan; buckets (not client-side percentiles) can be summed across replicas.
        Timer.builder("torchplan.plan").tag("outcome", "planned").register(meterRegistry).record(Duration.ofMillis(3));

        String metrics = get("/actuator/prometheus").body();

        assertThat(metrics).contains("torchplan_plan_seconds_bucket{").contains("le=\"+Inf\"");
    }

    @Test
    void infoEndpointShowsTheBuild() throws Exception {
        HttpResponse<String> response = get("/actuator/info");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"build\"").contains("\"artifact\":\"torchplan-service\"");
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
