package org.torchplan.catalog.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.torchplan.catalog.CatalogProperties;

/**
 * A page sent without a length, its end marked only by the server closing the connection: cut short, it would
 * read as a shorter page (a refresh once replaced cpu/torch with 98 fewer files that way). Such a page counts only
 * when it ends as a whole HTML page does.
 */
class CutShortPageTest {

    private static final String PAGE = "<!DOCTYPE html>\n<html>\n  <body>\n"
            + "    <a href=\"https://download.pytorch.org/whl/cpu/torch-2.11.0%2Bcpu-cp312-cp312-linux_x86_64.whl\">a</a><br/>\n"
            + "    <a href=\"https://download.pytorch.org/whl/cpu/torch-2.12.0%2Bcpu-cp312-cp312-linux_x86_64.whl\">b</a><br/>\n"
            + "  </body>\n</html>\n";

    private ServerSocket socket;
    private volatile String body;
    private IndexClient client;

    @BeforeEach
    void start() throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        Thread server = new Thread(this::serve, "close-delimited-server");
        server.setDaemon(true);
        server.start();
        CatalogProperties.Upstream settings = new CatalogProperties.Upstream(Duration.ofSeconds(2),
                Duration.ofSeconds(5), 2, 0, Duration.ofMillis(10), Duration.ZERO, Duration.ofSeconds(5));
        String origin = "http://127.0.0.1:" + socket.getLocalPort();
        client = new IndexClient(settings, IndexMetrics.NONE, AllowedOrigins.of(origin, List.of()));
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        socket.close();
    }

    /** HTTP/1.1 answers without Content-Length or chunking: the body ends where the server closes. */
    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                connection.getInputStream().read(new byte[8192]);
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private PageReader.Outcome read() {
        return new PageReader(client).read("http://127.0.0.1:" + socket.getLocalPort() + "/whl/cpu/torch/",
                Validators.NONE);
    }

    @Test
    void aWholePageWithoutALengthIsRead() {
        body = PAGE;

        assertThat(read()).isInstanceOfSatisfying(PageReader.Outcome.Read.class,
                read -> assertThat(read.page().links()).hasSize(2));
    }

    @Test
    void aPageCutShortWithoutALengthIsAFailureNotAShorterPage() {
        body = PAGE.substring(0, PAGE.indexOf("<br/>") + 5);

        assertThat(read()).isInstanceOfSatisfying(PageReader.Outcome.Failed.class,
                failed -> assertThat(failed.reason()).contains("may be cut short"));
    }
}
