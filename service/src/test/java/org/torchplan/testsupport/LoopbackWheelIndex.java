package org.torchplan.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * A PyTorch-like package index on 127.0.0.1 that real pip installs from, offline.
 * <ul>
 *   <li>{@code /whl/...}: the recorded pages (PEP 503 tree: root listing, {@code <backend>/},
 *       {@code <backend>/<package>/}, {@code nightly/<backend>/<package>/}, {@code <package>/} where recorded),
 *       each wheel link rewritten to {@code /files/<original path>} with the generated wheel's digests;</li>
 *   <li>{@code /files/<path>.whl} and {@code /files/<path>.whl.metadata} (PEP 658): a generated wheel and its
 *       METADATA, built on first request and cached, for files some served page listed;</li>
 *   <li>{@code /pypi/simple/<name>/}: a PyPI-like index of the packages {@link #addPypiWheel added}.</li>
 * </ul>
 * Requests are counted per decoded path. Page directories without a trailing slash redirect to it, as real
 * indexes do; page responses carry an ETag and answer {@code If-None-Match} with 304.
 */
public final class LoopbackWheelIndex implements AutoCloseable {

    private static final String HTML = "text/html; charset=utf-8";
    private static final String BINARY = "application/octet-stream";
    private static final String METADATA_SUFFIX = ".metadata";
    private static final String PYPI_PREFIX = "/pypi/simple/";

    static {
        // Without TCP_NODELAY the JDK server's small writes meet the client's delayed ACK: ~40 ms per request,
        // which pip's hundreds of requests and the benchmarks would measure instead of the service.
        // Read once per JVM when the first HttpServer starts; a test JVM has no other use for the default.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String baseUrl;
    private final TorchVersionPairing pairing;
    /** The index's pages before rewriting, by directory ({@code whl/cu126/torch/}): recorded, or varied from them. */
    private final Function<String, Optional<String>> sourcePages;
    private final IndexPageRewriter rewriter;

    private final Map<String, LongAdder> requestCounts = new ConcurrentHashMap<>();
    /** Rewritten pages by their directory; an empty value marks a directory with no recorded page. */
    private final Map<String, Optional<String>> pages = new ConcurrentHashMap<>();
    /** Served file path (decoded) -> wheel file name, for every wheel link a served page listed. */
    private final Map<String, String> listedFiles = new ConcurrentHashMap<>();
    private final Map<String, GeneratedWheel> wheels = new ConcurrentHashMap<>();
    private final Map<String, List<GeneratedWheel>> pypiProjects = new ConcurrentSkipListMap<>();
    /** Yank reasons of PyPI stand-in files, by file name. */
    private final Map<String, String> yankedPypiFiles = new ConcurrentHashMap<>();

    private LoopbackWheelIndex(TorchVersionPairing pairing, Function<String, Optional<String>> sourcePages)
            throws IOException {
        this.pairing = pairing;
        this.sourcePages = sourcePages;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        this.rewriter = new IndexPageRewriter(baseUrl, this::registerListedWheel);
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "loopback-wheel-index");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts an index whose generated companions pair with torch as the PyTorch release matrix says. */
    public static LoopbackWheelIndex start() {
        return start(new PytorchReleaseMatrix());
    }

    public static LoopbackWheelIndex start(TorchVersionPairing pairing) {
        return start(pairing, new RecordedIndexPages()::page);
    }

    /**
     * Starts an index serving other pages than the recorded ones (see {@link VariedIndexPages}): each directory's
     * page as {@code pages} gives it, before the wheel links are rewritten to the generated wheels.
     */
    public static LoopbackWheelIndex start(TorchVersionPairing pairing, Function<String, Optional<String>> pages) {
        try {
            return new LoopbackWheelIndex(pairing, pages);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the loopback wheel index to 127.0.0.1", e);
        }
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return baseUrl;
    }

    /** Stands in for {@code https://download.pytorch.org/whl}. */
    public String indexRootUrl() {
        return baseUrl + "/whl";
    }

    /** pip's {@code --index-url} for a stable backend, e.g. {@code .../whl/cu126}. */
    public String indexUrl(String backend) {
        return indexRootUrl() + "/" + backend;
    }

    /** pip's {@code --index-url} for a nightly backend, e.g. {@code .../whl/nightly/cu128}. */
    public String nightlyIndexUrl(String backend) {
        return indexRootUrl() + "/nightly/" + backend;
    }

    /** Stands in for {@code https://pypi.org/simple}. */
    public String pypiIndexUrl() {
        return baseUrl + "/pypi/simple";
    }

    /** Lists a wheel at {@code /pypi/simple/<name>/} (e.g. a pure-python {@code tinyapp} requiring torch). */
    public GeneratedWheel addPypiWheel(String fileName, List<String> requiresDist, String requiresPython) {
        return addPypiWheel(fileName, requiresDist, requiresPython, List.of(), null);
    }

    /**
     * The same, with the extras the wheel declares and, when {@code yankedReason} is not null, listed as yanked
     * (PEP 592 {@code data-yanked}, {@code ""} for no reason).
     */
    public GeneratedWheel addPypiWheel(String fileName, List<String> requiresDist, String requiresPython,
                                       List<String> providesExtra, String yankedReason) {
        GeneratedWheel wheel = GeneratedWheel.generate(fileName, requiresDist, requiresPython, providesExtra);
        if (yankedReason != null) {
            yankedPypiFiles.put(fileName, yankedReason);
        }
        String servedPath = IndexPageRewriter.servedPath("/pypi/" + fileName);
        wheels.put(fileName, wheel);
        listedFiles.put(servedPath, fileName);
        pypiProjects.computeIfAbsent(wheel.name().normalizedName(), name -> new CopyOnWriteArrayList<>()).add(wheel);
        return wheel;
    }

    /** The wheel served for a file name (the same bytes pip gets), generated on first use. */
    public GeneratedWheel wheel(String fileName) {
        return wheels.computeIfAbsent(fileName, name -> GeneratedWheel.forIndexFile(name, pairing));
    }

    /** How often a path (decoded, as {@code /whl/cu126/torch/} or {@code /files/whl/cu126/torch-2.12.0+cu126-...whl}) was requested. */
    public long requestCount(String path) {
        LongAdder count = requestCounts.get(path);
        return count == null ? 0 : count.sum();
    }

    /** Every requested path with its count, sorted by path. */
    public Map<String, Long> requestCounts() {
        Map<String, Long> snapshot = new TreeMap<>();
        requestCounts.forEach((path, count) -> snapshot.put(path, count.sum()));
        return snapshot;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private GeneratedWheel registerListedWheel(String servedPath, String fileName) {
        listedFiles.put(servedPath, fileName);
        return wheel(fileName);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            requestCounts.computeIfAbsent(path, key -> new LongAdder()).increment();
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/files/")) {
                serveFile(exchange, path);
            } else if (path.equals("/whl") || path.startsWith("/whl/")) {
                servePage(exchange, path, this::recordedPage);
            } else if (path.equals("/pypi/simple") || path.startsWith(PYPI_PREFIX)) {
                servePage(exchange, path, this::pypiPage);
            } else {
                notFound(exchange);
            }
        } catch (RuntimeException e) {
            // a broken fixture must show in the client's output (pip prints the status), not as a reset connection
            if (exchange.getResponseCode() == -1) {
                respond(exchange, 500, "text/plain", ("loopback index failed: " + e + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            exchange.close();
        }
    }

    private void serveFile(HttpExchange exchange, String path) throws IOException {
        boolean metadata = path.endsWith(METADATA_SUFFIX);
        String wheelPath = metadata ? path.substring(0, path.length() - METADATA_SUFFIX.length()) : path;
        String fileName = listedFiles.get(wheelPath);
        if (fileName == null) {
            notFound(exchange);
            return;
        }
        GeneratedWheel wheel = wheel(fileName);
        respond(exchange, 200, BINARY, metadata ? wheel.metadata() : wheel.bytes());
    }

    private void servePage(HttpExchange exchange, String path, Function<String, Optional<String>> pages)
            throws IOException {
        if (!path.endsWith("/")) {
            if (pages.apply(path + "/").isPresent()) {
                exchange.getResponseHeaders().set("Location", path + "/");
                respond(exchange, 301, "text/plain", new byte[0]);
            } else {
                notFound(exchange);
            }
            return;
        }
        Optional<String> page = pages.apply(path);
        if (page.isEmpty()) {
            notFound(exchange);
            return;
        }
        byte[] body = page.get().getBytes(StandardCharsets.UTF_8);
        String etag = "\"" + HexFormat.of().formatHex(GeneratedWheel.sha256(body), 0, 16) + "\"";
        exchange.getResponseHeaders().set("ETag", etag);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        respond(exchange, 200, HTML, body);
    }

    private Optional<String> recordedPage(String path) {
        String directory = path.substring(1);
        return pages.computeIfAbsent(directory,
                key -> sourcePages.apply(key).map(page -> rewriter.rewrite(page, path)));
    }

    private Optional<String> pypiPage(String path) {
        if (path.equals(PYPI_PREFIX)) {
            return Optional.of(PypiPages.projectList(pypiProjects.keySet()));
        }
        String name = path.substring(PYPI_PREFIX.length(), path.length() - 1);
        List<GeneratedWheel> files = pypiProjects.get(name);
        return files == null ? Optional.empty() : Optional.of(PypiPages.projectPage(name, files, baseUrl, yankedPypiFiles));
    }

    private static void notFound(HttpExchange exchange) throws IOException {
        respond(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
