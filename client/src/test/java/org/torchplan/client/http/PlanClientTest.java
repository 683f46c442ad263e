package org.torchplan.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.torchplan.client.testing.Resources;

class PlanClientTest {

    private static final PlanRequest REQUEST = new PlanRequest(List.of("torch"), "cp312", "linux", "x86_64",
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    private final MockWebServer server = new MockWebServer();

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private PlanClient client(Duration timeout) {
        return new PlanClient(server.url("/"), timeout);
    }

    @Test
    void planIsPostedAsJsonAndTheAnswerReturnedUnchanged() throws InterruptedException {
        String plan = Resources.text("/plans/cu126-with-pypi-step.json");
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(plan).build());

        assertThat(client(Duration.ofSeconds(5)).plan(REQUEST, Rendering.JSON)).isEqualTo(plan);

        RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/plan");
        assertThat(recorded.getHeaders().get("Accept")).startsWith("application/json");
        assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(recorded.getBody().utf8()).isEqualTo(REQUEST.toJson());
    }

    @Test
    void renderingsAreAskedForByAcceptHeaderAndFormatParameter() throws InterruptedException {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/x-shellscript")
                .body("#!/bin/sh\nset -eu\n").build());
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/plain;charset=UTF-8")
                .body("--index-url https://download.pytorch.org/whl/cpu\n").build());
        PlanClient client = client(Duration.ofSeconds(5));

        client.plan(REQUEST, Rendering.SHELL_SCRIPT);
        client.plan(REQUEST, Rendering.REQUIREMENTS);

        RecordedRequest shell = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(shell.getHeaders().get("Accept")).startsWith("text/x-shellscript");
        assertThat(shell.getUrl().queryParameter("format")).isNull();
        RecordedRequest requirements = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(requirements.getUrl().queryParameter("format")).isEqualTo("requirements");
    }

    @Test
    void aServerUrlWithAPathKeepsIt() throws InterruptedException {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/plain").body("{}").build());

        new PlanClient(PlanClient.parseServer(server.url("/torchplan/").toString()), Duration.ofSeconds(5))
                .plan(REQUEST, Rendering.REQUIREMENTS);

        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/torchplan/plan");
    }

    @Test
    void clientErrorsAreRefusalsCarryingTheProblem() {
        server.enqueue(new MockResponse.Builder().code(422).addHeader("Content-Type", "application/problem+json")
                .body("{\"title\":\"Unprocessable Entity\",\"status\":422,\"detail\":\"no plan satisfies torch>=9\"}")
                .build());

        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).plan(REQUEST, Rendering.JSON))
                .isInstanceOfSatisfying(ServiceRefusedException.class, refused -> {
                    assertThat(refused.problem().status()).isEqualTo(422);
                    assertThat(refused.problem().detail()).contains("no plan satisfies torch>=9");
                });
    }

    @Test
    void serverErrorsCountAsTheServiceNotAnswering() {
        server.enqueue(new MockResponse.Builder().code(503).body("").build());

        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).plan(REQUEST, Rendering.JSON))
                .isInstanceOf(ServiceUnreachableException.class)
                .hasMessageContaining("failed")
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void aSlowServiceTimesOut() {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body("{}")
                .bodyDelay(3, TimeUnit.SECONDS).build());

        assertThatThrownBy(() -> client(Duration.ofSeconds(1)).plan(REQUEST, Rendering.JSON))
                .isInstanceOf(ServiceUnreachableException.class)
                .hasMessageContaining("did not answer within 1 s");
    }

    @Test
    void aBodyTricklingInSlowerThanTheDeadlineTimesOut() {
        // each byte comes well within the read timeout; the whole answer does not come within the deadline
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .body("{\"steps\":[]}" + " ".repeat(28)).throttleBody(1, 50, TimeUnit.MILLISECONDS).build());

        long started = System.nanoTime();
        assertThatThrownBy(() -> client(Duration.ofSeconds(1)).plan(REQUEST, Rendering.JSON))
                .isInstanceOf(ServiceUnreachableException.class)
                .hasMessageContaining("did not answer within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aBodyLargerThanTheCapIsNotAPlan() {
        String large = "{\"steps\":[],\"padding\":\"" + "x".repeat((int) PlanClient.MAX_BODY_BYTES) + "\"}";
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(large).build());
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .chunkedBody(large, 64 * 1024).build());

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> client(Duration.ofSeconds(10)).plan(REQUEST, Rendering.JSON))
                    .isInstanceOf(Plan.MalformedPlanException.class)
                    .hasMessage("an answer larger than 4 MiB (a plan is a few KiB)");
        }
    }

    @Test
    void aBodyCutOffSaysSoNotThatTheServiceIsUnreachable() {
        String plan = Resources.text("/plans/cu126-with-pypi-step.json");
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(plan)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).plan(REQUEST, Rendering.JSON))
                .isInstanceOf(ServiceUnreachableException.class)
                .hasMessageContaining("began to answer, but the answer was cut off after")
                .hasMessageNotContaining("cannot reach")
                .hasMessageNotContaining(PlanClient.START_HINT);
    }

    @Test
    void redirectsAreFollowedWithinTheServicesOriginOnly() throws IOException, InterruptedException {
        String plan = Resources.text("/plans/cu126-with-pypi-step.json");
        try (MockWebServer other = new MockWebServer()) {
            other.start(InetAddress.getLoopbackAddress(), 0);
            server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "/v2/plan").build());
            server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(plan).build());
            server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", other.url("/plan")).build());

            assertThat(client(Duration.ofSeconds(5)).plan(REQUEST, Rendering.JSON)).isEqualTo(plan);
            assertThatThrownBy(() -> client(Duration.ofSeconds(5)).plan(REQUEST, Rendering.JSON))
                    .isInstanceOf(ServiceUnreachableException.class)
                    .hasMessageContaining("redirected to http://" + other.getHostName() + ":" + other.getPort()
                            + ", another origin; redirects are followed only within the service's origin");
            assertThat(other.getRequestCount()).isZero();
            server.takeRequest(5, TimeUnit.SECONDS);
            RecordedRequest redirected = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(redirected.getUrl().encodedPath()).isEqualTo("/v2/plan");
            assertThat(redirected.getBody().utf8()).isEqualTo(REQUEST.toJson());
        }
    }

    @Test
    void onlyAJsonAnswerIsAPlanAndOnlyAJsonErrorIsAProblem() {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/plain")
                .body(Resources.text("/plans/cu126-with-pypi-step.json")).build());
        server.enqueue(new MockResponse.Builder().code(403).addHeader("Content-Type", "text/plain")
                .body("{\"title\":\"pretend\",\"status\":403,\"detail\":\"install evil\"}").build());
        server.enqueue(new MockResponse.Builder().code(403).addHeader("Content-Type", "application/problem+json")
                .body("{\"title\":\"Forbidden\",\"status\":403,\"detail\":\"cu118 is not allowed\"}").build());

        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).plan(REQUEST, Rendering.JSON))
                .isInstanceOf(Plan.MalformedPlanException.class)
                .hasMessage("an answer of type 'text/plain' where application/json was asked for");
        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).plan(REQUEST, Rendering.JSON))
                .isInstanceOfSatisfying(ServiceRefusedException.class, refused ->
                        assertThat(refused.problem().detail()).isEmpty());
        assertThatThrownBy(() -> client(Duration.ofSeconds(5)).plan(REQUEST, Rendering.JSON))
                .isInstanceOfSatisfying(ServiceRefusedException.class, refused ->
                        assertThat(refused.problem().detail()).contains("cu118 is not allowed"));
    }

    @Test
    void aRefusedConnectionIsRetriedOnceThenReported() throws IOException {
        HttpUrl closed = HttpUrl.get("http://127.0.0.1:" + closedPort() + "/");
        AtomicInteger attempts = new AtomicInteger();
        OkHttpClient.Builder watched = new OkHttpClient.Builder().eventListener(new EventListener() {
            @Override
            public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                attempts.incrementAndGet();
            }
        });

        assertThatThrownBy(() -> new PlanClient(closed, Duration.ofSeconds(2), watched).plan(REQUEST, Rendering.JSON))
                .isInstanceOf(ServiceUnreachableException.class)
                .hasMessage("cannot reach the torchplan service at " + closed.toString().replaceAll("/$", "")
                        + " (connection refused). " + PlanClient.START_HINT);
        assertThat(attempts).hasValue(2);
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
