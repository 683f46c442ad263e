package org.torchplan.catalog.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.testsupport.MirrorServer;
import org.torchplan.testsupport.MutableClock;

/** A page linking wheels whose names do not parse is suspect: its good wheels are taken, the entry reported. */
class CatalogSuspectPageTest {

    private static final String PAGE = "/whl/cu126/torchao/";
    private static final EntryKey KEY = new EntryKey(Channel.STABLE, ComputeBackend.parse("cu126"), "torchao");

    @TempDir
    Path dataDir;

    private MirrorServer mirror;
    private SimpleMeterRegistry registry;
    private CatalogService catalog;

    @BeforeEach
    void start() throws Exception {
        mirror = new MirrorServer();
        registry = new SimpleMeterRegistry();
        catalog = CatalogService.standalone(CatalogServiceFixture.properties(dataDir, false, List.of("torchao")),
                mirror.root(), new CatalogMetrics(registry), CatalogServiceFixture.emptySnapshot(mirror.root()),
                new MutableClock(CatalogServiceFixture.START));
    }

    @AfterEach
    void stop() throws Exception {
        catalog.destroy();
        mirror.close();
    }

    @Test
    void unparseableWheelNamesAreCountedAndMarkTheEntryStaleWhileTheRestIsTaken() {
        String page = MirrorServer.resource(PAGE + "index.html");
        String broken = page.replace("torchao-0.17.0%2Bcu126", "torchao-0.17.0%2Bcu126&#0;");
        mirror.override(PAGE, request -> MirrorServer.html(broken));

        PackageEntry entry = catalog.refreshEntry(KEY);

        assertThat(entry.files()).hasSize(12)
                .noneMatch(file -> file.filename().version().toString().startsWith("0.17.0"));
        assertThat(entry.staleReason()).contains("1 wheel(s) whose names do not parse")
                .contains("torchao-0.17.0+cu126\\u0000-cp310");
        assertThat(registry.get("torchplan.catalog.unparseable.wheel.names").counter().count()).isEqualTo(1);
        assertThat(catalog.status().stale()).isTrue();
    }

    @Test
    void theNextCleanPageClearsTheReport() {
        String page = MirrorServer.resource(PAGE + "index.html");
        mirror.override(PAGE, request -> MirrorServer.html(page.replace("torchao-0.17.0%2Bcu126",
                "torchao-0.17.0%2Bcu126&#0;")));
        catalog.refreshEntry(KEY);
        mirror.override(PAGE, request -> MirrorServer.html(page));

        PackageEntry entry = catalog.refreshEntry(KEY);

        assertThat(entry.isStale()).isFalse();
        assertThat(entry.files()).hasSize(13);
    }
}
