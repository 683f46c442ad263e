package org.torchplan.pypi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.index.UpstreamUnavailableException;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.storage.CatalogPersistence;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.Requirement;
import org.torchplan.resolve.ProjectSource;
import org.torchplan.testsupport.GeneratedWheel;
import org.torchplan.testsupport.MirrorServer;
import org.torchplan.testsupport.MutableClock;

/** The PyPI reader against real HTTP servers on loopback. */
class PypiProjectsTest {

    private static final String JSON = "application/vnd.pypi.simple.v1+json";

    @TempDir
    Path dataDir;

    private MirrorServer server;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T00:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<PypiProjects> opened = new ArrayList<>();

    private final GeneratedWheel requests = GeneratedWheel.generate("requests-2.32.3-py3-none-any.whl",
            List.of("charset-normalizer<4,>=2", "idna<4,>=2.5", "PySocks!=1.5.7,>=1.5.6; extra == \"socks\""), ">=3.8");
    private final GeneratedWheel oldRequests = GeneratedWheel.generate("requests-2.31.0-py3-none-any.whl",
            List.of("idna"), ">=3.7");

    @BeforeEach
    void start() throws Exception {
        server = new MirrorServer();
    }

    @AfterEach
    void stop() throws Exception {
        for (PypiProjects projects : opened) {
            projects.close();
        }
        server.close();
    }

    private PypiProjects open(PypiProperties properties, CatalogProperties catalog) {
        PypiProjects projects = PypiProjects.standalone(properties, catalog, new PypiMetrics(registry), clock);
        opened.add(projects);
        return projects;
    }

    private PypiProjects open() {
        return open(PypiProperties.of(server.root()), catalog(Duration.ofSeconds(5), false));
    }

    private CatalogProperties catalog(Duration budget, boolean offline) {
        CatalogProperties defaults = CatalogProperties.defaults(dataDir);
        CatalogProperties.Upstream upstream = new CatalogProperties.Upstream(Duration.ofSeconds(2),
                Duration.ofSeconds(5), 4, 0, Duration.ofMillis(10), Duration.ofSeconds(30), budget);
        return new CatalogProperties(defaults.packages(), List.of(), defaults.ttl(), false, offline, dataDir, upstream,
                defaults.minRatio(), false, defaults.maxAge());
    }

    /** A PEP 691 page; file URLs relative to the page ({@code ../../files/...} from {@code /whl/<name>/}). */
    private static String jsonPage(List<GeneratedWheel> wheels, boolean withMetadata) {
        StringBuilder files = new StringBuilder();
        for (GeneratedWheel wheel : wheels) {
            if (files.length() > 0) {
                files.append(',');
            }
            files.append("{\"filename\":\"").append(wheel.fileName()).append("\",\"url\":\"../../files/")
                    .append(wheel.fileName()).append("\",\"hashes\":{\"sha256\":\"").append(wheel.sha256()).append("\"}");
            wheel.requiresPython().ifPresent(value -> files.append(",\"requires-python\":\"").append(value).append('"'));
            if (withMetadata) {
                files.append(",\"core-metadata\":{\"sha256\":\"").append(wheel.metadataSha256()).append("\"}");
            }
            files.append('}');
        }
        return "{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"x\",\"files\":[" + files + "]}";
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", JSON).body(body).build();
    }

    private static MockResponse bytes(byte[] body) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(body)).build();
    }

    private void serveFiles(GeneratedWheel... wheels) {
        for (GeneratedWheel wheel : wheels) {
            server.override("/files/" + wheel.fileName(), request -> bytes(wheel.bytes()));
            server.override("/files/" + wheel.fileName() + ".metadata", request -> bytes(wheel.metadata()));
        }
    }

    private double counter(String name, String tagKey, String tagValue) {
        var search = registry.find(name);
        if (tagKey != null) {
            search = search.tag(tagKey, tagValue);
        }
        return search.counter() == null ? 0 : search.counter().count();
    }

    @Test
    void readsAJsonProjectAndItsPep658Metadata() {
        server.override("/whl/requests/", request -> json(jsonPage(List.of(requests, oldRequests), true)));
        serveFiles(requests, oldRequests);
        PypiProjects pypi = open();

        List<IndexedFile> files = pypi.files("Requests").orElseThrow();

        assertThat(files).extracting(file -> file.filename().toString())
                .containsExactly(requests.fileName(), oldRequests.fileName());
        IndexedFile newest = files.get(0);
        assertThat(newest.url()).isEqualTo(server.root().replace("/whl", "") + "/files/" + requests.fileName());
        assertThat(newest.sha256()).isEqualTo(requests.sha256());
        assertThat(newest.requiresPython()).isEqualTo(">=3.8");
        DistributionMetadata metadata = pypi.metadata("requests", newest);
        assertThat(metadata.version().toString()).isEqualTo("2.32.3");
        assertThat(metadata.requiresDist()).extracting(Requirement::normalizedName)
                .containsExactly("charset-normalizer", "idna", "pysocks");
        assertThat(metadata.requiresPython()).contains(">=3.8");
        assertThat(server.recorded().get(0).getHeaders().get("Accept")).startsWith(JSON);
        // metadata is immutable per file: the second ask reads nothing
        pypi.metadata("requests", newest);
        assertThat(server.requests("/files/" + requests.fileName() + ".metadata")).isEqualTo(1);
        assertThat(server.requests("/files/" + requests.fileName())).isZero();
        assertThat(counter("torchplan.pypi.metadata.reads", "source", "pep658")).isEqualTo(1);
    }

    @Test
    void readsAnHtmlProjectPage() {
        String page = "<!DOCTYPE html><html><body>"
                + "<a href=\"/files/" + requests.fileName() + "#sha256=" + requests.sha256() + "\" data-requires-python=\"&gt;=3.8\""
                + " data-core-metadata=\"sha256=" + requests.metadataSha256() + "\">" + requests.fileName() + "</a>"
                + "<a href=\"/files/requests-2.32.3.tar.gz#sha256=00\">requests-2.32.3.tar.gz</a>"
                + "<a href=\"/files/" + oldRequests.fileName() + "\" data-yanked=\"broken\">" + oldRequests.fileName() + "</a>"
                + "</body></html>";
        server.override("/whl/requests/", request -> MirrorServer.html(page));
        serveFiles(requests);
        PypiProjects pypi = open();

        List<IndexedFile> files = pypi.files("requests").orElseThrow();

        assertThat(files).hasSize(2);
        assertThat(files.get(0).requiresPython()).isEqualTo(">=3.8");
        assertThat(files.get(0).coreMetadataSha256()).isEqualTo(requests.metadataSha256());
        assertThat(files.get(1).yanked()).isEqualTo("broken");
        assertThat(pypi.metadata("requests", files.get(0)).name()).isEqualTo("requests");
    }

    @Test
    void aMissingProjectIsNoneAndRememberedBriefly() {
        PypiProjects pypi = open();

        assertThat(pypi.files("no-such-project")).isEmpty();
        assertThat(pypi.files("No_Such.Project")).isEmpty();
        assertThat(server.requests("/whl/no-such-project/")).isEqualTo(1);

        clock.advance(Duration.ofMinutes(11)); // past missing-max-age: asked again
        server.override("/whl/no-such-project/", request -> json(jsonPage(List.of(), false)));
        assertThat(pypi.files("no-such-project")).contains(List.of());
        assertThat(server.requests("/whl/no-such-project/")).isEqualTo(2);
    }

    @Test
    void linksResolveAgainstTheUrlAfterRedirects() {
        server.override("/whl/requests/", request -> new MockResponse.Builder().code(301)
                .setHeader("Location", "/moved/deeper/requests/").build());
        server.override("/moved/deeper/requests/", request -> json(jsonPage(List.of(requests), true)));
        PypiProjects pypi = open();

        IndexedFile file = pypi.files("requests").orElseThrow().get(0);

        // ../../files/ from /moved/deeper/requests/ is /moved/files/, not /files/
        assertThat(file.url()).endsWith("/moved/files/" + requests.fileName());
    }

    @Test
    void pypisFileHostIsAllowedByDefaultForPypiOnly() {
        assertThat(PypiProperties.of(PypiProperties.DEFAULT_URL).origins().allows(
                "https://files.pythonhosted.org/packages/ab/cd/requests-2.32.3-py3-none-any.whl")).isTrue();
        assertThat(new org.torchplan.catalog.IndexProperties("https://download.pytorch.org/whl",
                org.torchplan.catalog.index.AllowedOrigins.PYTORCH).origins()
                .allows("https://files.pythonhosted.org/packages/x.whl")).isFalse();
    }

    @Test
    void aRedirectOutsideTheAllowedOriginsFailsNamingPypisSetting() {
        String elsewhere = server.root().replace("localhost", "127.0.0.1") + "/requests/";
        server.override("/whl/requests/", request -> new MockResponse.Builder().code(302)
                .setHeader("Location", elsewhere).build());
        PypiProjects pypi = open();

        assertThatThrownBy(() -> pypi.files("requests")).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("torchplan.pypi.allowed-origins");
        assertThat(server.requests("/whl/requests/")).isEqualTo(1); // the foreign host was never asked
    }

    @Test
    void wheelLinksToAnotherOriginAreDropped() {
        String page = jsonPage(List.of(requests, oldRequests), true)
                .replace("../../files/" + oldRequests.fileName(), "https://elsewhere.example/" + oldRequests.fileName());
        server.override("/whl/requests/", request -> json(page));
        PypiProjects pypi = open();

        assertThat(pypi.files("requests").orElseThrow()).extracting(file -> file.filename().toString())
                .containsExactly(requests.fileName());
    }

    @Test
    void aMetadataFileWithAnotherDigestIsRefusedAndCounted() {
        server.override("/whl/requests/", request -> json(jsonPage(List.of(requests), true)));
        server.override("/files/" + requests.fileName() + ".metadata",
                request -> bytes("Name: requests\nVersion: 2.32.3\nRequires-Dist: evil\n".getBytes(StandardCharsets.UTF_8)));
        PypiProjects pypi = open();
        IndexedFile file = pypi.files("requests").orElseThrow().get(0);

        assertThatThrownBy(() -> pypi.metadata("requests", file))
                .isInstanceOf(PypiProjects.MetadataUnavailableException.class)
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("refused");
        assertThat(counter("torchplan.pypi.metadata.digest.refusals", null, null)).isEqualTo(1);
        // remembered: not fetched again at once, and never used
        assertThatThrownBy(() -> pypi.metadata("requests", file)).isInstanceOf(UpstreamUnavailableException.class);
        assertThat(server.requests("/files/" + requests.fileName() + ".metadata")).isEqualTo(1);
    }

    @Test
    void readsMetadataFromTheWheelWithRangeRequestsWhenThereIsNoMetadataFile() {
        server.override("/whl/requests/", request -> json(jsonPage(List.of(requests), false)));
        List<String> ranges = new ArrayList<>();
        server.override("/files/" + requests.fileName(), request -> {
            ranges.add(request.getHeaders().get("Range"));
            return ranged(requests.bytes(), request);
        });
        PypiProjects pypi = open();
        IndexedFile file = pypi.files("requests").orElseThrow().get(0);

        DistributionMetadata metadata = pypi.metadata("requests", file);

        assertThat(metadata.version().toString()).isEqualTo("2.32.3");
        assertThat(ranges).isNotEmpty().allSatisfy(range -> assertThat(range).startsWith("bytes="));
        assertThat(server.requests("/files/" + requests.fileName() + ".metadata")).isZero();
        assertThat(counter("torchplan.pypi.metadata.reads", "source", "wheel-range")).isEqualTo(1);
    }

    @Test
    void aDeclaredMetadataFileThatIsNotThereFallsBackToTheWheel() {
        server.override("/whl/requests/", request -> json(jsonPage(List.of(requests), true)));
        server.override("/files/" + requests.fileName(), request -> ranged(requests.bytes(), request));
        PypiProjects pypi = open();
        IndexedFile file = pypi.files("requests").orElseThrow().get(0);

        assertThat(pypi.metadata("requests", file).version().toString()).isEqualTo("2.32.3");
        assertThat(server.requests("/files/" + requests.fileName() + ".metadata")).isEqualTo(1);
        assertThat(counter("torchplan.pypi.metadata.reads", "source", "wheel-range")).isEqualTo(1);
    }

    @Test
    void metadataBeyondThePlansBudgetIsUpstreamUnavailable() {
        server.override("/whl/requests/", request -> json(jsonPage(List.of(requests), true)));
        server.override("/files/" + requests.fileName() + ".metadata", request -> new MockResponse.Builder().code(200)
                .headersDelay(2, TimeUnit.SECONDS).body(new Buffer().write(requests.metadata())).build());
        PypiProjects pypi = open();
        ProjectSource plan = pypi.forPlan(Duration.ofMillis(300));
        IndexedFile file = plan.files("requests").orElseThrow().get(0);

        assertThatThrownBy(() -> plan.metadata("requests", file))
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("budget");
    }

    @Test
    void downloadsASmallWheelWholeWhenItsServerTakesNoRanges() {
        server.override("/whl/requests/", request -> json(jsonPage(List.of(requests), false)));
        server.override("/files/" + requests.fileName(), request -> bytes(requests.bytes()));
        PypiProjects pypi = open();
        IndexedFile file = pypi.files("requests").orElseThrow().get(0);

        assertThat(pypi.metadata("requests", file).requiresDist()).hasSize(3);
        assertThat(counter("torchplan.pypi.metadata.reads", "source", "wheel-download")).isEqualTo(1);
    }

    @Test
    void refusesToDownloadAWheelLargerThanTheBound() {
        server.override("/whl/requests/", request -> json(jsonPage(List.of(requests), false)));
        server.override("/files/" + requests.fileName(), request -> bytes(requests.bytes()));
        PypiProperties small = new PypiProperties(server.root(), List.of(), Duration.ofHours(6),
                Duration.ofMinutes(10), false, 100, 100, 1 << 20, 64);
        PypiProjects pypi = open(small, catalog(Duration.ofSeconds(5), false));
        IndexedFile file = pypi.files("requests").orElseThrow().get(0);

        assertThatThrownBy(() -> pypi.metadata("requests", file))
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("larger than 64 bytes");
    }

    /** A server that takes range requests, as files.pythonhosted.org does. */
    private static MockResponse ranged(byte[] file, RecordedRequest request) {
        String range = request.getHeaders().get("Range");
        if (range == null) {
            return bytes(file);
        }
        Matcher suffix = Pattern.compile("bytes=-(\\d+)").matcher(range);
        Matcher span = Pattern.compile("bytes=(\\d+)-(\\d+)").matcher(range);
        int start;
        int end;
        if (suffix.matches()) {
            start = Math.max(0, file.length - Integer.parseInt(suffix.group(1)));
            end = file.length - 1;
        } else if (span.matches()) {
            start = Integer.parseInt(span.group(1));
            end = Math.min(file.length - 1, Integer.parseInt(span.group(2)));
        } else {
            return new MockResponse.Builder().code(416).build();
        }
        byte[] part = java.util.Arrays.copyOfRange(file, start, end + 1);
        return new MockResponse.Builder().code(206)
                .setHeader("Content-Range", "bytes " + start + "-" + end + "/" + file.length)
                .body(new Buffer().write(part)).build();
    }

    @Test
    void servesAnExpiredProjectWhileOneBackgroundRefreshRuns() throws Exception {
        server.override("/whl/requests/", request -> json(jsonPage(List.of(oldRequests), true)));
        PypiProjects pypi = open();
        assertThat(pypi.files("requests").orElseThrow()).hasSize(1);

        server.override("/whl/requests/", request -> new MockResponse.Builder().code(200)
                .setHeader("Content-Type", JSON).headersDelay(300, TimeUnit.MILLISECONDS)
                .body(jsonPage(List.of(requests, oldRequests), true)).build());
        clock.advance(Duration.ofHours(7));
        for (int ask = 0; ask < 5; ask++) {
            assertThat(pypi.files("requests").orElseThrow()).hasSize(1); // the stale copy, at once
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pypi.held("requests").orElseThrow().files().size() != 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(pypi.files("requests").orElseThrow()).hasSize(2);
        assertThat(server.requests("/whl/requests/")).isEqualTo(2);
    }

    @Test
    void readsAMissOnceHoweverManyAskTogether() throws Exception {
        server.override("/whl/requests/", request -> new MockResponse.Builder().code(200)
                .setHeader("Content-Type", JSON).headersDelay(300, TimeUnit.MILLISECONDS)
                .body(jsonPage(List.of(requests), true)).build());
        PypiProjects pypi = open();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<List<IndexedFile>>>> answers = new ArrayList<>();
            for (int caller = 0; caller < 8; caller++) {
                Callable<Optional<List<IndexedFile>>> ask = () -> pypi.files("requests");
                answers.add(callers.submit(ask));
            }
            for (Future<Optional<List<IndexedFile>>> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS).orElseThrow()).hasSize(1);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(server.requests("/whl/requests/")).isEqualTo(1);
    }

    @Test
    void aMissBeyondThePlansBudgetIsUpstreamUnavailable() {
        server.override("/whl/slow/", request -> new MockResponse.Builder().code(200)
                .setHeader("Content-Type", JSON).headersDelay(2, TimeUnit.SECONDS)
                .body(jsonPage(List.of(), false)).build());
        PypiProjects pypi = open();
        ProjectSource plan = pypi.forPlan(Duration.ofMillis(200));

        long started = System.nanoTime();
        assertThatThrownBy(() -> plan.files("slow"))
                .isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("budget")
                .hasMessageContaining(server.root());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void aFailedMissIsRememberedInsteadOfAskedAgain() {
        server.override("/whl/broken/", request -> new MockResponse.Builder().code(503).build());
        PypiProjects pypi = open();

        assertThatThrownBy(() -> pypi.files("broken")).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("HTTP 503");
        assertThatThrownBy(() -> pypi.files("broken")).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("tried again from");
        assertThat(server.requests("/whl/broken/")).isEqualTo(1);
    }

    @Test
    void restartsFromPersistedProjectsAndMetadataAndServesThemOffline() throws Exception {
        server.override("/whl/requests/", request -> json(jsonPage(List.of(requests), true)));
        serveFiles(requests);
        PypiProjects first = open();
        IndexedFile file = first.files("requests").orElseThrow().get(0);
        DistributionMetadata metadata = first.metadata("requests", file);
        first.close();
        opened.remove(first);
        assertThat(dataDir.resolve(CatalogPersistence.PYPI_FILE)).isRegularFile();
        int requestsBefore = server.totalRequests();

        PypiProjects offline = open(PypiProperties.of(server.root()).withOffline(true), catalog(Duration.ofSeconds(5), false));

        assertThat(offline.files("requests").orElseThrow()).containsExactly(file);
        assertThat(offline.metadata("requests", file)).isEqualTo(metadata);
        assertThat(offline.status().source()).isEqualTo(CatalogSource.PERSISTED);
        assertThatThrownBy(() -> offline.files("numpy")).isInstanceOf(UpstreamUnavailableException.class)
                .hasMessageContaining("offline");
        clock.advance(Duration.ofDays(30)); // expired, but offline: served, never refreshed
        assertThat(offline.files("requests")).isPresent();
        Thread.sleep(100);
        assertThat(server.totalRequests()).isEqualTo(requestsBefore);
    }

    @Test
    void theCatalogsOfflineSettingMakesPypiOfflineToo() {
        PypiProjects pypi = open(PypiProperties.of(server.root()), catalog(Duration.ofSeconds(5), true));

        assertThatThrownBy(() -> pypi.files("requests")).isInstanceOf(UpstreamUnavailableException.class);
        assertThat(server.totalRequests()).isZero();
    }

    @Test
    void aCorruptPersistedFileIsIgnoredAndReplaced() throws Exception {
        Files.write(dataDir.resolve(CatalogPersistence.PYPI_FILE), "not gzip at all".getBytes(StandardCharsets.UTF_8));
        server.override("/whl/requests/", request -> json(jsonPage(List.of(requests), true)));
        PypiProjects pypi = open();

        assertThat(pypi.files("requests").orElseThrow()).hasSize(1);
        pypi.persistNow();
        PypiProjects reopened = open(PypiProperties.of(server.root()).withOffline(true), catalog(Duration.ofSeconds(5), false));
        assertThat(reopened.files("requests").orElseThrow()).hasSize(1);
    }

    @Test
    void persistedProjectsOfAnotherIndexAreNotServed() throws Exception {
        server.override("/whl/requests/", request -> json(jsonPage(List.of(requests), true)));
        PypiProjects pypi = open();
        pypi.files("requests");
        pypi.persistNow();

        PypiProjects elsewhere = open(PypiProperties.of("http://127.0.0.1:9/simple").withOffline(true),
                catalog(Duration.ofSeconds(5), false));
        assertThat(elsewhere.held("requests")).isEmpty();
    }

    @Test
    void keepsTheKnownDigestWhenAFileChangesOrLosesIt() {
        server.override("/whl/requests/", request -> json(jsonPage(List.of(requests, oldRequests), true)));
        PypiProjects pypi = open();
        pypi.files("requests");
        String changed = jsonPage(List.of(requests, oldRequests), true).replace(requests.sha256(), "ab".repeat(32))
                .replace("\"hashes\":{\"sha256\":\"" + oldRequests.sha256() + "\"}", "\"hashes\":{}");
        server.override("/whl/requests/", request -> json(changed));
        clock.advance(Duration.ofHours(7));
        pypi.files("requests"); // starts the refresh
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.requests("/whl/requests/") < 2 || !pypi.held("requests").orElseThrow().isStale()) {
            if (System.nanoTime() > deadline) {
                break;
            }
            Thread.onSpinWait();
        }

        PypiProject held = pypi.held("requests").orElseThrow();
        assertThat(held.files()).extracting(IndexedFile::sha256).containsExactly(requests.sha256(), oldRequests.sha256());
        assertThat(held.staleReason()).contains("possible tampering");
        assertThat(counter("torchplan.pypi.digests", "kind", "changed")).isEqualTo(1);
        assertThat(counter("torchplan.pypi.digests", "kind", "dropped")).isEqualTo(1);
        assertThat(pypi.status().stale()).isTrue();
    }

    @Test
    void aPageListingFarFewerWheelsIsRefused() throws Exception {
        server.override("/whl/requests/", request -> json(jsonPage(List.of(requests, oldRequests, requests(3), requests(4)), true)));
        PypiProjects pypi = open();
        pypi.files("requests");
        server.override("/whl/requests/", request -> json(jsonPage(List.of(requests), true)));
        clock.advance(Duration.ofHours(7));
        pypi.files("requests");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!pypi.held("requests").orElseThrow().isStale() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(pypi.held("requests").orElseThrow().files()).hasSize(4);
        assertThat(pypi.held("requests").orElseThrow().staleReason()).contains("kept the previous copy");
    }

    private static GeneratedWheel requests(int minor) {
        return GeneratedWheel.generate("requests-2." + minor + ".0-py3-none-any.whl", List.of(), null);
    }
}
