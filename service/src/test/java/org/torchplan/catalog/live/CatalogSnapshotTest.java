package org.torchplan.catalog.live;

import org.torchplan.catalog.CatalogSummary;
import org.torchplan.catalog.index.IndexLinks;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.storage.CatalogData;
import org.torchplan.catalog.storage.CatalogPersistence;
import org.torchplan.testsupport.MirrorServer;
import org.torchplan.testsupport.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.packaging.Version;
import org.torchplan.packaging.WheelFilename;

/**
 * The embedded snapshot is a start-up default and nothing more: data of another index never survives an answer of
 * the configured one, never reaches the persisted catalog, and the catalog reports the weakest source it holds.
 */
class CatalogSnapshotTest {

    private static final ComputeBackend CU126 = ComputeBackend.parse("cu126");
    private static final ComputeBackend CU121 = ComputeBackend.parse("cu121");
    private static final ComputeBackend XPU = ComputeBackend.XPU;
    private static final ComputeBackend ROCM99 = ComputeBackend.parse("rocm9.9");
    private static final String OFFICIAL = "https://download.pytorch.org/whl";

    @TempDir
    Path dataDir;

    private MirrorServer mirror;
    private final List<CatalogService> services = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        mirror = new MirrorServer();
    }

    @AfterEach
    void stop() throws Exception {
        for (CatalogService service : services) {
            service.destroy();
        }
        mirror.close();
    }

    private static IndexedFile file(String url) {
        return new IndexedFile(WheelFilename.parse(IndexLinks.fileName(url)), url, "ab".repeat(32), null, false, null,
                null);
    }

    /**
     * A snapshot recorded from {@code download.pytorch.org}, holding what the mirror does not: a torchtune release
     * newer than the mirror's on cu126, torchtune files on xpu (the mirror's page lists none there) and a backend
     * the mirror does not list at all.
     */
    private static CatalogData snapshotOf(String upstream) {
        SortedSet<ComputeBackend> backends = new TreeSet<>(Set.of(CU126, XPU, ROCM99, ComputeBackend.CPU));
        List<PackageEntry> entries = List.of(
                entry(CU126, file(upstream + "/cu126/torchtune-9.9.9%2Bcu126-py3-none-any.whl")),
                entry(XPU, file(upstream + "/xpu/torchtune-0.6.0%2Bxpu-py3-none-any.whl")),
                entry(ROCM99, file(upstream + "/rocm9.9/torchtune-0.6.0%2Brocm9.9-py3-none-any.whl")));
        return new CatalogData(CatalogServiceFixture.SNAPSHOT_DATE, upstream, Map.of(Channel.STABLE, backends), entries);
    }

    private static PackageEntry entry(ComputeBackend backend, IndexedFile file) {
        return PackageEntry.of(Channel.STABLE, backend, "torchtune", List.of(file), CatalogServiceFixture.SNAPSHOT_DATE,
                CatalogSource.SNAPSHOT);
    }

    private CatalogService service(boolean offline, CatalogData snapshot, MutableClock clock) {
        CatalogService service = CatalogServiceFixture.service(
                CatalogServiceFixture.properties(dataDir, offline, List.of("torchtune")), mirror.root(), snapshot,
                clock);
        services.add(service);
        return service;
    }

    private static List<String> versions(PackageEntry entry) {
        return entry.files().stream().map(indexed -> indexed.version().toString()).toList();
    }

    @Test
    void theConfiguredIndexReplacesTheSnapshotOfAnotherIndexEntryByEntry() {
        CatalogService catalog = service(false, snapshotOf(OFFICIAL), new MutableClock(CatalogServiceFixture.START));

        catalog.refreshChannel(Channel.STABLE);

        assertThat(versions(catalog.entry(Channel.STABLE, CU126, "torchtune")))
                .as("the mirror's cu126 torchtune, not the snapshot's 9.9.9").containsExactly("0.6.0+cu126");
        assertThat(catalog.entry(Channel.STABLE, XPU, "torchtune").files())
                .as("the mirror lists no xpu torchtune: the snapshot's copy does not survive that answer").isEmpty();
        assertThat(catalog.backends(Channel.STABLE)).doesNotContain(ROCM99);
        assertThat(catalog.allEntries()).noneMatch(entry -> entry.source() == CatalogSource.SNAPSHOT);
        assertThat(catalog.allEntries()).allSatisfy(entry -> assertThat(entry.files())
                .noneMatch(indexed -> indexed.url().contains("9.9.9") || indexed.url().contains("rocm9.9")));
        assertThat(catalog.status().source()).isEqualTo(CatalogSource.LIVE);
    }

    @Test
    void aRestartOfflineFromTheSameDataDirectoryHoldsNoSnapshotEntry() throws Exception {
        CatalogService online = service(false, snapshotOf(OFFICIAL), new MutableClock(CatalogServiceFixture.START));
        online.refreshChannel(Channel.STABLE);
        online.destroy(); // completes the pending write
        CatalogData persisted = new CatalogPersistence(dataDir).readCatalog().orElseThrow();

        CatalogService offline = service(true, snapshotOf(OFFICIAL),
                new MutableClock(CatalogServiceFixture.START.plusSeconds(60)));

        assertThat(persisted.upstream()).isEqualTo(mirror.root());
        assertThat(persisted.entries()).extracting(PackageEntry::source).containsOnly(CatalogSource.PERSISTED);
        assertThat(persisted.entries()).allSatisfy(entry -> assertThat(entry.files())
                .noneMatch(indexed -> indexed.url().contains("9.9.9") || indexed.url().contains("/xpu/")));
        assertThat(versions(offline.entry(Channel.STABLE, CU126, "torchtune"))).containsExactly("0.6.0+cu126");
        assertThat(offline.entry(Channel.STABLE, XPU, "torchtune").files()).isEmpty();
        assertThat(offline.backends(Channel.STABLE)).doesNotContain(ROCM99);
        assertThat(offline.allEntries()).noneMatch(entry -> entry.source() == CatalogSource.SNAPSHOT);
        assertThat(offline.status().source()).isEqualTo(CatalogSource.PERSISTED);
    }

    @Test
    void theSnapshotOfAnotherIndexIsNeverPersistedWhileItIsServed() throws Exception {
        mirror.override("/whl/", request -> new MockResponse.Builder().code(503).body("maintenance").build());
        mirror.override("/whl/torchtune/", request -> new MockResponse.Builder().code(503).body("maintenance").build());
        CatalogService online = service(false, snapshotOf(OFFICIAL), new MutableClock(CatalogServiceFixture.START));
        online.refreshChannel(Channel.STABLE);
        online.entry(Channel.NIGHTLY, CU126, "torchtune"); // something live to persist
        online.destroy();

        CatalogData persisted = new CatalogPersistence(dataDir).readCatalog().orElseThrow();

        assertThat(persisted.entries()).extracting(PackageEntry::channel).containsOnly(Channel.NIGHTLY);
        assertThat(persisted.completeChannels()).doesNotContain(Channel.STABLE);
    }

    @Test
    void aSuspiciousShrinkFromTheSameIndexKeepsTheCopyMarkedStale() {
        CatalogService catalog = service(false, snapshotOf(mirror.root()), new MutableClock(CatalogServiceFixture.START));

        catalog.refreshChannel(Channel.STABLE);

        PackageEntry xpu = catalog.entry(Channel.STABLE, XPU, "torchtune");
        assertThat(xpu.files()).hasSize(1);
        assertThat(xpu.isStale()).isTrue();
        assertThat(xpu.staleReason()).contains("listed no wheels");
        assertThat(catalog.status().source()).as("one entry still rests on the snapshot")
                .isEqualTo(CatalogSource.SNAPSHOT);
        assertThat(catalog.status().stale()).isTrue();
    }

    @Test
    void theCatalogIsNotLiveUntilEveryEntryIs() {
        CatalogService catalog = service(false, snapshotOf(OFFICIAL), new MutableClock(CatalogServiceFixture.START));

        catalog.refreshEntry(new EntryKey(Channel.STABLE, CU126, "torchtune"));

        assertThat(catalog.entry(Channel.STABLE, CU126, "torchtune").source()).isEqualTo(CatalogSource.LIVE);
        assertThat(catalog.status().source()).isEqualTo(CatalogSource.SNAPSHOT);
        assertThat(CatalogSummary.of(catalog).source()).isEqualTo("snapshot");
        assertThat(CatalogSummary.of(catalog).fetchedAt()).isEqualTo(CatalogServiceFixture.SNAPSHOT_DATE);

        catalog.refreshChannel(Channel.STABLE);

        assertThat(CatalogSummary.of(catalog).source()).isEqualTo("live");
    }

    @Test
    void dataOlderThanTheMaximumAgeIsStaleWithAWarning() {
        MutableClock clock = new MutableClock(CatalogServiceFixture.SNAPSHOT_DATE.plus(Duration.ofDays(6)));
        CatalogService catalog = service(true, snapshotOf(mirror.root()), clock);
        assertThat(CatalogSummary.of(catalog).stale()).isFalse();
        assertThat(CatalogSummary.of(catalog).warnings()).isEmpty();

        clock.advance(Duration.ofDays(190));

        CatalogSummary summary = CatalogSummary.of(catalog);
        assertThat(summary.stale()).isTrue();
        assertThat(summary.warnings()).singleElement().asString()
                .contains("196 days ago").contains("torchplan.catalog.max-age.stable (7 days)")
                .contains("snapshot");
        assertThat(catalog.statusNow().stale()).isTrue();
    }

    @Test
    void theCatalogReportsFilesThatBelongToNoBackend() {
        String page = "<a href=\"https://download.pytorch.org/whl/cu126/torchtune-0.6.0%2Bcu126-py3-none-any.whl\">a</a>"
                + "<a href=\"https://download.pytorch.org/whl/cpu-cxx11-abi/torchtune-0.6.0%2Bcpu.cxx11.abi-py3-none-any.whl\">b</a>"
                + "<a href=\"https://download.pytorch.org/whl/cu121_pypi_cudnn/torchtune-0.6.0%2Bcu121.with.pypi.cudnn-py3-none-any.whl\">c</a>"
                + "<a href=\"https://download.pytorch.org/whl/cu121_pypi_cudnn/torchtune-0.5.0%2Bcu121.with.pypi.cudnn-py3-none-any.whl\">d</a>";
        mirror.override("/whl/torchtune/", request -> MirrorServer.html(page));
        CatalogService catalog = service(false, CatalogServiceFixture.emptySnapshot(mirror.root()),
                new MutableClock(CatalogServiceFixture.START));

        catalog.refreshChannel(Channel.STABLE);

        assertThat(versions(catalog.entry(Channel.STABLE, CU126, "torchtune"))).containsExactly("0.6.0+cu126");
        assertThat(catalog.entry(Channel.STABLE, ComputeBackend.CPU, "torchtune").files()).isEmpty();
        assertThat(catalog.entry(Channel.STABLE, CU121, "torchtune").files()).isEmpty();
        assertThat(CatalogSummary.of(catalog).unattributedFiles())
                .isEqualTo(Map.of("stable", Map.of("cpu-cxx11-abi", 1, "cu121_pypi_cudnn", 2)));
        assertThat(catalog.allEntries()).allSatisfy(entry -> assertThat(entry.files())
                .noneMatch(indexed -> Version.parse("0.6.0+cpu.cxx11.abi").equals(indexed.version())));
    }
}
