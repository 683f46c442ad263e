package org.torchplan.catalog.live;

import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.storage.CatalogData;
import org.torchplan.catalog.storage.CatalogPersistence;
import org.torchplan.catalog.model.Channel;
import org.torchplan.testsupport.HostileFiles;
import org.torchplan.testsupport.MirrorServer;
import org.torchplan.testsupport.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.packaging.Version;

/** Start-up: persisted catalog, corrupt, hostile and stale files, offline mode. */
@ExtendWith(OutputCaptureExtension.class)
class CatalogRestartTest {

    private static final ComputeBackend CU126 = ComputeBackend.parse("cu126");

    @TempDir
    Path dataDir;

    private MirrorServer mirror;
    private final List<CatalogService> services = new java.util.ArrayList<>();

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

    private CatalogService service(boolean offline) {
        CatalogService service = CatalogServiceFixture.service(
                CatalogServiceFixture.properties(dataDir, offline, List.of("torchtune", "torchao")),
                mirror.root(), CatalogServiceFixture.emptySnapshot(mirror.root()),
                new MutableClock(CatalogServiceFixture.START));
        services.add(service);
        return service;
    }

    @Test
    void aRestartServesThePersistedCatalogWithoutAskingUpstream() throws Exception {
        CatalogService first = service(false);
        first.refreshChannel(Channel.STABLE);
        first.entry(Channel.NIGHTLY, CU126, "torchtune");
        first.destroy(); // shutting down completes the pending write
        int requestsBeforeRestart = mirror.totalRequests();

        CatalogService restarted = service(true);

        assertThat(restarted.status().source()).isEqualTo(CatalogSource.PERSISTED);
        assertThat(restarted.status().fetchedAt()).isEqualTo(CatalogServiceFixture.START);
        assertThat(restarted.entry(Channel.STABLE, CU126, "torchtune").files())
                .isEqualTo(first.entry(Channel.STABLE, CU126, "torchtune").files());
        assertThat(restarted.entry(Channel.NIGHTLY, CU126, "torchtune").files()).isNotEmpty();
        assertThat(restarted.entry(Channel.STABLE, CU126, "torchtune").source()).isEqualTo(CatalogSource.PERSISTED);
        assertThat(restarted.backends(Channel.STABLE)).contains(CU126, ComputeBackend.CPU);
        assertThat(mirror.totalRequests()).isEqualTo(requestsBeforeRestart);
    }

    @Test
    void aCorruptPersistedCatalogIsIgnoredWithAWarning(CapturedOutput output) throws Exception {
        Files.createDirectories(dataDir);
        Files.write(dataDir.resolve(CatalogPersistence.CATALOG_FILE), new byte[] {0x1f, (byte) 0x8b, 8, 0, 42, 42});

        CatalogService service = service(true);

        assertThat(service.status().source()).isEqualTo(CatalogSource.SNAPSHOT);
        assertThat(output.getAll()).contains("WARN").contains("Ignoring persisted catalog");
    }

    @Test
    void aPersistedCatalogOlderThanTheSnapshotIsIgnoredAndSaysSo(CapturedOutput output) throws Exception {
        new CatalogPersistence(dataDir).writeCatalog(new CatalogData(
                CatalogServiceFixture.SNAPSHOT_DATE.minusSeconds(86_400), mirror.root(),
                Map.of(Channel.STABLE, new java.util.TreeSet<>(List.of(ComputeBackend.CPU))), List.of()));

        CatalogService service = service(true);

        assertThat(service.status().source()).isEqualTo(CatalogSource.SNAPSHOT);
        assertThat(output.getAll()).contains("Ignoring persisted catalog").contains("older than the embedded snapshot");
    }

    @Test
    void aGzipBombAsTheCatalogIsIgnoredAtStartUp(CapturedOutput output) throws Exception {
        HostileFiles.gzipBomb(dataDir.resolve(CatalogPersistence.CATALOG_FILE), 300);

        CatalogService service = service(true);

        assertThat(service.status().source()).isEqualTo(CatalogSource.SNAPSHOT);
        assertThat(output.getAll()).contains("WARN").contains("expands to more than");
    }

    @Test
    void aFifoAsTheCatalogDoesNotHangStartUp(CapturedOutput output) throws Exception {
        Path fifo = dataDir.resolve(CatalogPersistence.CATALOG_FILE);
        Assumptions.assumeTrue(HostileFiles.mkfifo(fifo), "mkfifo is not available on this system");

        CatalogService service = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> service(true));

        assertThat(service.status().source()).isEqualTo(CatalogSource.SNAPSHOT);
        assertThat(output.getAll()).contains("WARN").contains("not a regular file");
    }

    @Test
    void staleTemporaryFilesAreRemovedAtStartUp() throws Exception {
        Path stale = Files.writeString(dataDir.resolve(CatalogPersistence.CATALOG_FILE + "4242.tmp"), "half");

        service(true);

        assertThat(stale).doesNotExist();
    }

    @Test
    void aDamagedPinsFileIsIgnoredAtStartUpAndPlansStillPair(CapturedOutput output) throws Exception {
        Files.writeString(dataDir.resolve(CatalogPersistence.PINS_FILE), "torchvision==0.25.0\tnot-a-version\n");

        CatalogService service = service(true);

        assertThat(output.getAll()).contains("WARN").contains("Ignoring companion pins");
        assertThat(service.pairing().knows("torchvision", Version.parse("0.25.0"))).isFalse();
        assertThat(service.pairing().match("torchvision", Version.parse("0.25.0"), Version.parse("2.10.0")))
                .isNotNull();
    }

    @Test
    void aPersistedCatalogOfAnotherIndexIsNotUsed() throws Exception {
        CatalogService first = service(false);
        first.refreshChannel(Channel.STABLE);
        MirrorServer other = new MirrorServer();
        try {
            CatalogService elsewhere = CatalogServiceFixture.service(
                    CatalogServiceFixture.properties(dataDir, true, List.of("torchtune")),
                    other.root(), CatalogServiceFixture.emptySnapshot(other.root()),
                    new MutableClock(CatalogServiceFixture.START));
            services.add(elsewhere);

            assertThat(elsewhere.status().source()).isEqualTo(CatalogSource.SNAPSHOT);
        } finally {
            other.close();
        }
    }

    @Test
    void offlineModeNeverOpensASocket() {
        CatalogService offline = service(true);

        offline.startBackgroundWork();
        offline.refreshChannel(Channel.STABLE);
        PackageEntry nightly = offline.entry(Channel.NIGHTLY, CU126, "torchtune");
        PackageEntry stable = offline.entry(Channel.STABLE, CU126, "torchtune");

        assertThat(nightly.files()).isEmpty();
        assertThat(stable.files()).isEmpty();
        assertThat(offline.backends(Channel.TEST)).isEmpty();
        assertThat(mirror.totalRequests()).isZero();
    }
}
