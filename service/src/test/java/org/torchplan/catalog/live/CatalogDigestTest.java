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
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.testsupport.MirrorServer;
import org.torchplan.testsupport.MutableClock;

/** A published wheel is immutable: its known digest never changes or disappears on a refresh. */
class CatalogDigestTest {

    private static final String PAGE = "/whl/cu126/torchao/";
    private static final EntryKey KEY = new EntryKey(Channel.STABLE, ComputeBackend.parse("cu126"), "torchao");
    private static final String FILE = "torchao-0.17.0+cu126-cp310-abi3-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl";
    private static final String KNOWN = "a192e3cbdb853c0203479373c486e14573a7ca1ed9b31207217b1f4d727a0087";
    private static final String OTHER = "0000000000000000000000000000000000000000000000000000000000000bad";

    @TempDir
    Path dataDir;

    private MirrorServer mirror;
    private SimpleMeterRegistry registry;
    private CatalogService catalog;
    private String page;

    @BeforeEach
    void start() throws Exception {
        mirror = new MirrorServer();
        registry = new SimpleMeterRegistry();
        catalog = CatalogService.standalone(CatalogServiceFixture.properties(dataDir, false, List.of("torchao")),
                mirror.root(), new CatalogMetrics(registry), CatalogServiceFixture.emptySnapshot(mirror.root()),
                new MutableClock(CatalogServiceFixture.START));
        page = MirrorServer.resource(PAGE + "index.html");
        assertThat(digestOf(catalog.refreshEntry(KEY))).isEqualTo(KNOWN);
    }

    @AfterEach
    void stop() throws Exception {
        catalog.destroy();
        mirror.close();
    }

    @Test
    void aChangedDigestIsRefusedKeptAndReportedAsPossibleTampering() {
        mirror.override(PAGE, request -> MirrorServer.html(page.replace(KNOWN, OTHER)));

        PackageEntry after = catalog.refreshEntry(KEY);

        assertThat(digestOf(after)).isEqualTo(KNOWN);
        assertThat(after.staleReason()).contains("possible tampering").contains(FILE).contains(OTHER);
        assertThat(after.files()).hasSize(13);
        assertThat(count("changed")).isEqualTo(1);
    }

    @Test
    void aDroppedDigestIsKept() {
        mirror.override(PAGE, request -> MirrorServer.html(page.replace("#sha256=" + KNOWN, "")));

        PackageEntry after = catalog.refreshEntry(KEY);

        assertThat(digestOf(after)).isEqualTo(KNOWN);
        assertThat(after.isStale()).isFalse();
        assertThat(count("dropped")).isEqualTo(1);
    }

    @Test
    void duplicateLinksWithDifferentDigestsRefuseTheFile() {
        int link = page.indexOf("<a href=\"https://download.pytorch.org/whl/cu126/torchao-0.17.0");
        String anchor = page.substring(link, page.indexOf('\n', link) + 1);
        mirror.override(PAGE, request -> MirrorServer.html(page.replace(anchor, anchor + anchor.replace(KNOWN, OTHER))));

        PackageEntry after = catalog.refreshEntry(KEY);

        assertThat(after.files()).extracting(file -> file.filename().toString()).doesNotContain(FILE).hasSize(12);
        assertThat(after.staleReason()).contains(FILE).contains("2 different sha256 digests");
        assertThat(count("conflicting-duplicates")).isEqualTo(1);
    }

    @Test
    void oneNameAtTwoUrlsIsTwoFilesBothKeptAsTheRealIndexListsRootFiles() {
        int link = page.indexOf("<a href=\"https://download.pytorch.org/whl/cu126/torchao-0.17.0");
        String anchor = page.substring(link, page.indexOf('\n', link) + 1);
        String rootCopy = anchor.replace("/whl/cu126/torchao-", "/whl/torchao-").replace(KNOWN, OTHER);
        mirror.override(PAGE, request -> MirrorServer.html(page.replace(anchor, anchor + rootCopy)));

        PackageEntry after = catalog.refreshEntry(KEY);

        assertThat(after.files()).filteredOn(file -> file.filename().toString().equals(FILE))
                .extracting(IndexedFile::sha256).containsExactly(KNOWN, OTHER);
        assertThat(after.isStale()).isFalse();
        assertThat(count("changed") + count("conflicting-duplicates")).isZero();
    }

    @Test
    void anUnchangedPageIsFresh() {
        mirror.override(PAGE, request -> MirrorServer.html(page));

        PackageEntry after = catalog.refreshEntry(KEY);

        assertThat(after.isStale()).isFalse();
        assertThat(count("changed") + count("dropped") + count("conflicting-duplicates")).isZero();
    }

    private double count(String kind) {
        return registry.get("torchplan.catalog.digest.refusals").tag("kind", kind).counter().count();
    }

    private static String digestOf(PackageEntry entry) {
        return entry.files().stream().filter(file -> file.filename().toString().equals(FILE))
                .map(IndexedFile::sha256).findFirst().orElseThrow();
    }
}
