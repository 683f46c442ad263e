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
        server.enqueue(new MockResponse.Builder().body("#!/bin/sh\nset -eu\n").build());
        server.enqueue(new MockResponse.Builder().body("--index-url https://download.pytorch.org/whl/cpu\n").build());
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
        server.enqueue(new MockResponse.Builder().body("{}").build());

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
        server.enqueue(new MockResponse.Builder().body("{}").bodyDelay(3, TimeUnit.SECONDS).build());

        assertThatThrownBy(() -> client(Duration.ofSeconds(1)).plan(REQUEST, Rendering.JSON))
                .isInstanceOf(ServiceUnreachableException.class)
                .hasMessageContaining("did not answer within 1 s");
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
