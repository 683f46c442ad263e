package org.torchplan.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A loopback index serving the pages copied from the recorded PyTorch index (test resources
 * {@code catalog/mirror/whl/...}), with per-path overrides to inject faults, and a count of requests per path.
 */
public final class MirrorServer implements AutoCloseable {

    private static final String RESOURCES = "/catalog/mirror";

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Function<RecordedRequest, MockResponse>> overrides = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestsByPath = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

    public MirrorServer() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath();
                requests.add(request);
                requestsByPath.computeIfAbsent(path, unused -> new AtomicInteger()).incrementAndGet();
                Function<RecordedRequest, MockResponse> override = overrides.get(path);
                if (override != null) {
                    return override.apply(request);
                }
                String page = resource(path + (path.endsWith("/") ? "index.html" : ""));
                return page == null
                        ? new MockResponse.Builder().code(404).body("not found").build()
                        : html(page);
            }
        });
        server.start();
    }

    /** The index root, e.g. {@code http://127.0.0.1:PORT/whl}. */
    public String root() {
        String url = server.url("/whl").toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public void override(String path, Function<RecordedRequest, MockResponse> response) {
        overrides.put(path, response);
    }

    public void clearOverride(String path) {
        overrides.remove(path);
    }

    public int requests(String path) {
        AtomicInteger count = requestsByPath.get(path);
        return count == null ? 0 : count.get();
    }

    public int totalRequests() {
        return server.getRequestCount();
    }

    public List<RecordedRequest> recorded() {
        return List.copyOf(requests);
    }

    public static MockResponse html(String body) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "text/html; charset=utf-8")
                .body(body)
                .build();
    }

    /** A recorded page from the test resources, or null. */
    public static String resource(String path) {
        try (InputStream input = MirrorServer.class.getResourceAsStream(RESOURCES + path)) {
            return input == null ? null : new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
