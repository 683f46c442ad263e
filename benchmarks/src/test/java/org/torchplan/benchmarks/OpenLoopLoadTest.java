package org.torchplan.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generator against real loopback servers, at a gentle 200 requests/s for 1 s: what it counts, never how fast
 * it is (that is docs/benchmarks.md's business).
 */
class OpenLoopLoadTest {

    private static final String BODY = "{\"requirements\":[\"torch\"],\"python\":\"cp312\"}";
    private static final String PLAN_JSON = "{\"plan\":[\"torch==2.9.0+cu128\"],\"warnings\":[]}";

    private HttpServer server;
    private ExecutorService serverThreads;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
            serverThreads.shutdownNow();
        }
    }

    @Test
    void everyRequestIsSentAsJsonAndEveryContentLengthAnswerCounted() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        String url = startServer(exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, 200, PLAN_JSON, false);
        });

        Map<String, String> result = runExpectingSuccess(url + "/plan?x=1", "200", "1", BODY, "8");

        assertThat(result).containsEntry("sent", "200").containsEntry("completed", "200")
                .containsEntry("non_2xx", "0").containsEntry("errors", "0").containsEntry("unsent", "0")
                .containsEntry("connections", "8");
        assertThat(seen).hasSize(200).containsOnly("POST /plan?x=1 application/json " + BODY);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("warning");
    }

    @Test
    void chunkedAnswersAreCounted() throws Exception {
        String url = startServer(exchange -> {
            exchange.getRequestBody().readAllBytes();
            answer(exchange, 200, PLAN_JSON.repeat(50), true);
        });

        Map<String, String> result = runExpectingSuccess(url + "/plan", "200", "1", BODY);

        assertThat(result).containsEntry("completed", "200").containsEntry("non_2xx", "0").containsEntry("errors", "0")
                .containsEntry("connections", String.valueOf(OpenLoopLoad.DEFAULT_CONNECTIONS));
    }

    @Test
    void serverErrorsAreCountedAsNon2xxWithTheirLatency() throws Exception {
        AtomicInteger answers = new AtomicInteger();
        String url = startServer(exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean fail = answers.getAndIncrement() % 2 == 0;
            answer(exchange, fail ? 500 : 200, fail ? "{\"status\":500}" : PLAN_JSON, fail);
        });

        Map<String, String> result = runExpectingSuccess(url + "/plan", "200", "1", BODY, "4");

        assertThat(result).containsEntry("completed", "200").containsEntry("non_2xx", "100")
                .containsEntry("errors", "0");
        assertThat(Double.parseDouble(result.get("max_ms"))).isPositive();
    }

    @Test
    void answersSplitIntoTinyWritesAreReassembled() throws Exception {
        try (RawHttpServer raw = new RawHttpServer((number, connection, out) -> {
            String answer = number % 2 == 0
                    ? "HTTP/1.1 200 OK\r\nContent-Length: " + PLAN_JSON.length() + "\r\n\r\n" + PLAN_JSON
                    : "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + Integer.toHexString(PLAN_JSON.length()) + "\r\n" + PLAN_JSON + "\r\n0\r\n\r\n";
            RawHttpServer.writeInPieces(out, answer, 1 + number % 3);
            return true;
        })) {
            Map<String, String> result = runExpectingSuccess(raw.url("/plan"), "200", "1", BODY, "4");

            assertThat(result).containsEntry("completed", "200").containsEntry("non_2xx", "0")
                    .containsEntry("errors", "0");
            assertThat(raw.requests()).isEqualTo(200);
        }
    }

    @Test
    void aServerThatDropsConnectionsIsCountedInErrorsAndTheRunGoesOn() throws Exception {
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        try (RawHttpServer raw = new RawHttpServer((number, connection, out) -> {
            if (number % 3 == 2) {
                dropped.incrementAndGet();
                return false; // closes with the request unanswered
            }
            answered.incrementAndGet();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            return true;
        })) {
            Map<String, String> result = runExpectingSuccess(raw.url("/plan"), "200", "1", BODY, "4");

            assertThat(dropped.get()).isPositive();
            assertThat(result).containsEntry("sent", "200").containsEntry("unsent", "0")
                    .containsEntry("completed", String.valueOf(answered.get()))
                    .containsEntry("errors", String.valueOf(dropped.get()));
            assertThat(answered.get() + dropped.get()).isEqualTo(200);
        }
    }

    @Test
    void aServerThatClosesAfterEachAnswerIsNoError() throws Exception {
        try (RawHttpServer raw = new RawHttpServer((number, connection, out) -> {
            String answer = number % 2 == 0
                    ? "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"
                    : "HTTP/1.1 200 OK\r\n\r\n{\"until\":\"close\"}"; // no length: the body ends when the server closes
            out.write(answer.getBytes(StandardCharsets.US_ASCII));
            return false;
        })) {
            Map<String, String> result = runExpectingSuccess(raw.url("/plan"), "200", "1", BODY, "4");

            assertThat(result).containsEntry("completed", "200").containsEntry("errors", "0");
        }
    }

    @Test
    void aWaitForABusyConnectionCountsInTheLatency() throws Exception {
        // one connection, answers that take 20 ms, 100 requests due 10 ms apart: request k cannot be answered before
        // (k + 1) x 20 ms, and is due at k x 10 ms, so counted from its due time it waits at least 20 + 10k ms
        try (RawHttpServer raw = new RawHttpServer((number, connection, out) -> {
            Thread.sleep(20);
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            return true;
        })) {
            Map<String, String> result = runExpectingSuccess(raw.url("/plan"), "100", "1", BODY, "1");

            assertThat(result).containsEntry("completed", "100").containsEntry("errors", "0");
            assertThat(Double.parseDouble(result.get("p50_ms"))).isGreaterThanOrEqualTo(20 + 10 * 49);
            assertThat(Double.parseDouble(result.get("max_ms"))).isGreaterThanOrEqualTo(20 + 10 * 99);
        }
    }

    @Test
    void badArgumentsAreRefusedWithUsage() throws Exception {
        String url = "http://127.0.0.1:9/plan";
        assertRefused(new String[] {url, "200", "1"}, "usage:");
        assertRefused(new String[] {url, "many", "1", BODY}, "RATE: not a whole number");
        assertRefused(new String[] {url, "0", "1", BODY}, "RATE: must be at least 1");
        assertRefused(new String[] {url, "200", "-5", BODY}, "SECONDS: must be at least 1");
        assertRefused(new String[] {url, "200", "1", BODY, "0"}, "CONNECTIONS: must be at least 1");
        assertRefused(new String[] {"https://127.0.0.1:9/plan", "200", "1", BODY}, "only http://");
        assertRefused(new String[] {"not a url", "200", "1", BODY}, "URL");
        assertRefused(new String[] {url, "1000000", "1000", BODY}, "at most");
    }

    @Test
    void aServiceThatCannotBeReachedFailsWithAMessage() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }

        int status = OpenLoopLoad.run(new String[] {"http://127.0.0.1:" + closedPort + "/plan", "200", "1", BODY},
                print(out), print(err));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot connect to 127.0.0.1:" + closedPort);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("RESULT");
    }

    private void assertRefused(String[] arguments, String message) throws InterruptedException {
        err.reset();
        assertThat(OpenLoopLoad.run(arguments, print(out), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(message).contains("usage:");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private Map<String, String> runExpectingSuccess(String... arguments) throws InterruptedException {
        int status = OpenLoopLoad.run(arguments, print(out), print(err));
        assertThat(status).as("exit status; stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
        String line = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(line).startsWith("RESULT ").doesNotContain("\n");
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring("RESULT ".length()).split(" ")) {
            int equals = field.indexOf('=');
            fields.put(field.substring(0, equals), field.substring(equals + 1));
        }
        // every field scripts/bench-rate reads
        assertThat(fields).containsKeys("achieved_per_second", "p50_ms", "p99_ms", "p999_ms", "non_2xx", "errors");
        return fields;
    }

    private String startServer(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 200);
        serverThreads = Executors.newFixedThreadPool(4);
        server.setExecutor(serverThreads);
        server.createContext("/", handler);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String json, boolean chunked) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, chunked ? 0 : body.length); // 0: Transfer-Encoding: chunked
        try (OutputStream responseBody = exchange.getResponseBody()) {
            responseBody.write(body);
        }
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
