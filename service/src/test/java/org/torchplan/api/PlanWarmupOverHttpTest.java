package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over a real port the warm-up sends its requests over HTTP, through everything a request goes through, and leaves
 * no trace: nothing in the memo, in the plan metrics or in {@code http.server.requests}; once it is over its token
 * opens nothing. A context of its own, so that no other test's request is counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "torchplan.catalog.offline=true",
    "torchplan.catalog.refresh-on-start=false",
    "torchplan.catalog.companion-metadata=false",
    "torchplan.catalog.data-dir=target/warmup-over-http-test-data",
    "torchplan.warmup.max-plans=" + PlanWarmupOverHttpTest.REQUESTS,
    "torchplan.warmup.max-duration=5m",
})
class PlanWarmupOverHttpTest {

    /** more than the distinct requests: some are sent again */
    static final int REQUESTS = 160;

    @Autowired
    private PlanWarmup warmup;

    @Autowired
    private WarmupGate gate;

    @Autowired
    private MeterRegistry registry;

    @LocalServerPort
    private int port;

    @Test
    void theWarmupWentOverHttpAndLeftNoTrace() throws Exception {
        PlanWarmup.Result result = warmup.result();
        assertThat(result.overHttp()).isTrue();
        assertThat(result.requests()).isEqualTo(REQUESTS);
        assertThat(WarmupRequests.bodies()).hasSizeLessThan(REQUESTS - 10);
        assertThat(result.plans()).as("most of a fleet's machines get a plan")
                .isGreaterThan(WarmupRequests.bodies().size() / 2);
        assertThat(result.repeats()).as("then requests are sent again").isPositive();

        assertThat(planRequestsObserved()).as("http.server.requests of /plan").isZero();
        assertThat(registry.find("torchplan.plan").timers()).as("not counted as plans served")
                .allSatisfy(timer -> assertThat(timer.count()).isZero());
        assertThat(registry.get("cache.gets").tag("cache", PlanMemo.NAME).functionCounters())
                .allSatisfy(counter -> assertThat(counter.count()).as("memo lookups").isZero());
        assertThat(gate.token()).as("the warm-up is over").isNull();

        HttpResponse<String> real = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/plan"))
                .header("Content-Type", "application/json").header(WarmupGate.HEADER, "anything")
                .POST(HttpRequest.BodyPublishers.ofString(ApiTest.DRIVER_570_BODY)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(real.statusCode()).isEqualTo(200);
        // the observation stops after the answer has gone out: wait for it rather than race it
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (planRequestsObserved() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(planRequestsObserved()).as("a real request, whatever its headers, is counted").isEqualTo(1);
        assertThat(registry.get("cache.gets").tag("cache", PlanMemo.NAME).tag("result", "miss").functionCounter()
                .count()).as("and looked up in the memo").isEqualTo(1);
    }

    private long planRequestsObserved() {
        return registry.find("http.server.requests").tag("uri", "/plan").timers().stream()
                .mapToLong(Timer::count).sum();
    }
}
