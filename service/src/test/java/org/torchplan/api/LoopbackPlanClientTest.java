package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The warm-up's HTTP client against a raw loopback server: each way an answer can end, and a server that closes. */
class LoopbackPlanClientTest {

    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsAnswersByLengthChunkedAndToTheCloseAndReconnects() throws Exception {
        List<String> answers = List.of(
                "HTTP/1.1 200 \r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
                "HTTP/1.1 422 \r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{\"b\"\r\n3\r\n:2}\r\n0\r\nX-Trailer: t\r\n\r\n",
                "HTTP/1.1 200 \r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
                "HTTP/1.1 304 \r\nETag: \"x\"\r\n\r\n",
                "HTTP/1.1 200 \r\n\r\nuntil the close");
        serve(answers);

        try (LoopbackPlanClient client = new LoopbackPlanClient(server.getLocalPort(), "token-1", 5_000)) {
            assertThat(client.post(body(), "json")).isEqualTo(200);
            assertThat(client.post(body(), "sh")).isEqualTo(422);
            assertThat(client.post(body(), "requirements")).isEqualTo(200); // then the server closes
            assertThat(client.post(body(), "json")).isEqualTo(304);
            assertThat(client.post(body(), "json")).isEqualTo(200);
        }

        assertThat(requestLines).containsExactly("POST /plan?format=json HTTP/1.1", "POST /plan?format=sh HTTP/1.1",
                "POST /plan?format=requirements HTTP/1.1", "POST /plan?format=json HTTP/1.1",
                "POST /plan?format=json HTTP/1.1");
        assertThat(connections.get()).as("a new connection after the close that ends the third answer").isEqualTo(2);
    }

    @Test
    void anAnswerCutShortIsAnError() throws Exception {
        serve(List.of("HTTP/1.1 200 \r\nContent-Length: 100\r\n\r\nshort"));

        try (LoopbackPlanClient client = new LoopbackPlanClient(server.getLocalPort(), "token-1", 5_000)) {
            assertThatIOException().isThrownBy(() -> client.post(body(), "json"));
        }
    }

    private static byte[] body() {
        return "{\"requirements\":[\"torch\"]}".getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Answers the requests in order, one answer each, closing the connection after an answer that says so, one that
     * runs to the close, and after the last.
     */
    private void serve(List<String> answers) throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            int next = 0;
            while (next < answers.size()) {
                try (Socket socket = server.accept()) {
                    connections.incrementAndGet();
                    BufferedReader reader = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    OutputStream output = socket.getOutputStream();
                    while (next < answers.size()) {
                        String requestLine = reader.readLine();
                        if (requestLine == null) {
                            break;
                        }
                        requestLines.add(requestLine);
                        int length = 0;
                        boolean sawToken = false;
                        for (String header = reader.readLine(); !header.isEmpty(); header = reader.readLine()) {
                            if (header.startsWith("Content-Length: ")) {
                                length = Integer.parseInt(header.substring(16));
                            }
                            sawToken |= header.equals(WarmupGate.HEADER + ": token-1");
                        }
                        reader.skip(length);
                        String answer = sawToken ? answers.get(next++) : "HTTP/1.1 400 \r\nContent-Length: 0\r\n\r\n";
                        output.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                        output.flush();
                        if (answer.contains("Connection: close") || !answer.contains("Content-Length")
                                && !answer.contains("chunked") && !answer.startsWith("HTTP/1.1 304")) {
                            break;
                        }
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }, "raw-server");
        thread.setDaemon(true);
        thread.start();
    }
}
