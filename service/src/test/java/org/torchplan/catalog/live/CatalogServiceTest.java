package org.torchplan.catalog.live;

import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.storage.CatalogPersistence;
import org.torchplan.testsupport.MirrorServer;
import org.torchplan.testsupport.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.torchplan.catalog.live.CatalogServiceFixture.START;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchplan.backend.ComputeBackend;

class CatalogServiceTest {

    private static final ComputeBackend CU126 = ComputeBackend.parse("cu126");
    private static final String NIGHTLY_PAGE = "/whl/nightly/cu126/torchtune/";
    private static final String STABLE_PAGE = "/whl/cu126/torchao/";

    @TempDir
    Path dataDir;

    private MirrorServer mirror;
    private MutableClock clock;
    private CatalogService catalog;

    @BeforeEach
    void startMirror() throws Exception {
        mirror = new MirrorServer();
        clock = new MutableClock(START);
        catalog = CatalogServiceFixture.service(
                CatalogServiceFixture.properties(dataDir, false, List.of("torchtune", "torchao", "torchrec")),
                mirror.root(), CatalogServiceFixture.emptySnapshot(mirror.root()), clock);
    }

    @AfterEach
    void stop() throws Exception {
        catalog.destroy();
        mirror.close();
    }

    @Test
    void aBurstOfRequestsForAMissingEntryMakesOneUpstreamCall() throws Exception {
        String page = MirrorServer.resource(NIGHTLY_PAGE + "index.html");
        mirror.override(NIGHTLY_PAGE, request -> new MockResponse.Builder(MirrorServer.html(page))
                .headersDelay(200, TimeUnit.MILLISECONDS)
                .build());
        int callers = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<PackageEntry>> results = new ArrayList<>();
        for (int index = 0; index < callers; index++) {
            Callable<PackageEntry> call = () -> {
                start.await();
                return catalog.entry(Channel.NIGHTLY, CU126, "torchtune");
            };
            results.add(pool.submit(call));
        }
        start.countDown();
        List<PackageEntry> entries = new ArrayList<>();
        for (Future<PackageEntry> result : results) {
            entries.add(result.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(mirror.requests(NIGHTLY_PAGE)).isEqualTo(1);
        assertThat(mirror.requests("/whl/nightly/")).isEqualTo(1);
        assertThat(entries).allSatisfy(entry -> assertThat(entry).isSameAs(entries.get(0)));
        assertThat(entries.get(0).files()).isNotEmpty();
        assertThat(entries.get(0).files()).allSatisfy(file -> {
            assertThat(file.version().isDevrelease()).isTrue();
            assertThat(file.sha256()).isNull();
        });
        assertThat(entries.get(0).source()).isEqualTo(CatalogSource.LIVE);
    }

    /**
     * The end of the race the burst above can lose on a busy machine: a caller that found no listing, then asks for
     * a discovery after another caller's discovery has ended, is answered with the listing that one kept.
     */
    @Test
    void aDiscoveryAskedForAfterTheListingIsKnownReadsNothing() {
        SortedSet<ComputeBackend> listed = catalog.backends(Channel.NIGHTLY);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            OnDemandLoads loads = new OnDemandLoads(catalog, executor, Duration.ofMinutes(5), clock);

            assertThat(loads.discoverWaiting(Channel.NIGHTLY)).isEqualTo(listed).contains(CU126);
            assertThat(mirror.requests("/whl/nightly/")).as("the listing, read once").isEqualTo(1);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void asksForJsonAndReadsAJsonPage() {
        mirror.override(NIGHTLY_PAGE, request -> new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/vnd.pypi.simple.v1+json")
                .body("{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"torchtune\",\"files\":[{\"filename\":"
                        + "\"torchtune-0.7.0.dev20260518+cu126-py3-none-any.whl\",\"url\":"
                        + "\"torchtune-0.7.0.dev20260518%2Bcu126-py3-none-any.whl\",\"hashes\":{}}]}")
                .build());

        PackageEntry entry = catalog.entry(Channel.NIGHTLY, CU126, "torchtune");

        assertThat(entry.files()).singleElement().satisfies(file -> assertThat(file.url())
                .isEqualTo(mirror.root() + "/nightly/cu126/torchtune/torchtune-0.7.0.dev20260518%2Bcu126-py3-none-any.whl"));
        assertThat(mirror.recorded()).allSatisfy(request -> assertThat(request.getHeaders().get("Accept"))
                .startsWith("application/vnd.pypi.simple.v1+json").contains("text/html"));
    }

    @Test
    void aConditionalRefreshAnswered304KeepsTheFilesAndRenewsTheEntry() {
        String page = MirrorServer.resource(STABLE_PAGE + "index.html");
        mirror.override(STABLE_PAGE, request -> "\"v1\"".equals(request.getHeaders().get("If-None-Match"))
                ? new MockResponse.Builder().code(304).build()
                : new MockResponse.Builder(MirrorServer.html(page)).setHeader("ETag", "\"v1\"").build());
        EntryKey key = new EntryKey(Channel.STABLE, CU126, "torchao");
        PackageEntry first = catalog.refreshEntry(key);
        clock.advance(Duration.ofHours(7));

        PackageEntry second = catalog.refreshEntry(key);

        assertThat(mirror.recorded().get(1).getHeaders().get("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(second.files()).isSameAs(first.files());
        assertThat(second.fetchedAt()).isEqualTo(START.plus(Duration.ofHours(7)));
        assertThat(second.isStale()).isFalse();
    }

    @Test
    void anExpiredEntryIsServedWhileOneBackgroundRefreshRuns() throws Exception {
        EntryKey key = new EntryKey(Channel.STABLE, CU126, "torchao");
        PackageEntry first = catalog.refreshEntry(key);
        String page = MirrorServer.resource(STABLE_PAGE + "index.html");
        CountDownLatch release = new CountDownLatch(1);
        mirror.override(STABLE_PAGE, request -> {
            awaitQuietly(release);
            return MirrorServer.html(page);
        });
        clock.advance(Duration.ofHours(7));

        List<PackageEntry> served = new ArrayList<>();
        for (int index = 0; index < 20; index++) {
            served.add(catalog.entry(Channel.STABLE, CU126, "torchao"));
        }
        release.countDown();
        PackageEntry refreshed = awaitChange(key, first);

        assertThat(served).allSatisfy(entry -> assertThat(entry).isSameAs(first));
        assertThat(mirror.requests(STABLE_PAGE)).isEqualTo(2);
        assertThat(refreshed.fetchedAt()).isEqualTo(START.plus(Duration.ofHours(7)));
        assertThat(refreshed.files()).isEqualTo(first.files());
    }

    @Test
    void anExpiredEntryOfAChannelReadInFullRenewsTheChannelOnceInTheBackground() throws Exception {
        catalog.refreshChannel(Channel.STABLE);
        PackageEntry first = catalog.entry(Channel.STABLE, CU126, "torchtune");
        String page = MirrorServer.resource("/whl/torchtune/index.html");
        CountDownLatch release = new CountDownLatch(1);
        mirror.override("/whl/torchtune/", request -> {
            awaitQuietly(release);
            return MirrorServer.html(page);
        });
        clock.advance(Duration.ofHours(7));

        List<PackageEntry> served = new ArrayList<>();
        for (int index = 0; index < 20; index++) {
            served.add(catalog.entry(Channel.STABLE, CU126, "torchtune"));
            served.add(catalog.entry(Channel.STABLE, ComputeBackend.CPU, "torchtune"));
        }
        release.countDown();
        PackageEntry renewed = awaitChange(new EntryKey(Channel.STABLE, CU126, "torchtune"), first);

        assertThat(served).allSatisfy(entry -> assertThat(entry.fetchedAt()).isEqualTo(START));
        assertThat(renewed.fetchedAt()).isEqualTo(START.plus(Duration.ofHours(7)));
        assertThat(mirror.requests("/whl/torchtune/")).isEqualTo(2);
        assertThat(mirror.requests("/whl/cu126/torchtune/")).isZero();
    }

    @Test
    void aServerErrorIsRetriedBeforeItCounts() {
        String page = MirrorServer.resource(STABLE_PAGE + "index.html");
        int[] calls = {0};
        mirror.override(STABLE_PAGE, request -> calls[0]++ == 0
                ? new MockResponse.Builder().code(503).build()
                : MirrorServer.html(page));

        PackageEntry entry = catalog.refreshEntry(new EntryKey(Channel.STABLE, CU126, "torchao"));

        assertThat(mirror.requests(STABLE_PAGE)).isEqualTo(2);
        assertThat(entry.files()).isNotEmpty();
        assertThat(entry.isStale()).isFalse();
    }

    @Test
    void aStableRefreshReadsOneAllBackendsPagePerPackage() {
        catalog.refreshChannel(Channel.STABLE);

        assertThat(mirror.requests("/whl/")).isEqualTo(1);
        assertThat(mirror.requests("/whl/torchtune/")).isEqualTo(1);
        assertThat(mirror.requests("/whl/cu126/torchtune/")).isZero();
        assertThat(catalog.backends(Channel.STABLE)).contains(CU126, ComputeBackend.CPU);
        assertThat(catalog.entry(Channel.STABLE, CU126, "torchtune").files())
                .extracting(file -> file.filename().toString())
                .containsExactly("torchtune-0.6.0+cu126-py3-none-any.whl");
        assertThat(catalog.entry(Channel.STABLE, ComputeBackend.CPU, "torchtune").files()).hasSize(9);
        assertThat(catalog.status().source()).isEqualTo(CatalogSource.LIVE);
        assertThat(dataDir.resolve(CatalogPersistence.CATALOG_FILE)).exists();
    }

    @Test
    void aChannelReadInFullAnswersMissingEntriesWithoutAskingUpstream() {
        catalog.refreshChannel(Channel.STABLE);
        int requests = mirror.totalRequests();

        PackageEntry absent = catalog.entry(Channel.STABLE, CU126, "torchrec");

        assertThat(absent.files()).isEmpty();
        assertThat(mirror.totalRequests()).isEqualTo(requests);
    }

    @Test
    void aMirrorWithoutAllBackendsPagesIsRefreshedPageByPage() {
        catalog.refreshChannel(Channel.STABLE);
        mirror.override("/whl/torchtune/", request -> new MockResponse.Builder().code(404).build());

        catalog.refreshChannel(Channel.STABLE);

        assertThat(mirror.requests("/whl/cu126/torchtune/")).isEqualTo(1);
        assertThat(mirror.requests("/whl/cpu/torchtune/")).isEqualTo(1);
        assertThat(catalog.entry(Channel.STABLE, CU126, "torchtune").isStale()).isFalse();
    }

    private PackageEntry awaitChange(EntryKey key, PackageEntry previous) throws InterruptedException {
        for (int attempt = 0; attempt < 300; attempt++) {
            PackageEntry current = catalog.entry(key.channel(), key.backend(), key.packageName());
            if (current != previous) {
                return current;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the background refresh never completed");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
