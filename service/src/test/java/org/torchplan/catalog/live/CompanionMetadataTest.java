package org.torchplan.catalog.live;

import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.CompanionPairing;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.storage.CatalogPersistence;
import org.torchplan.testsupport.MirrorServer;
import org.torchplan.testsupport.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.CompanionPairing.Match;
import org.torchplan.packaging.Version;

/** Companion pins come from PEP 658 metadata, read in the background once per release and kept. */
class CompanionMetadataTest {

    private static final String PAGE = "/whl/cu126/torchvision/";
    private static final String WHEEL = "torchvision-0.26.0%2Bcu126-cp312-cp312-manylinux_2_28_x86_64.whl";
    private static final String METADATA = "Metadata-Version: 2.1\nName: torchvision\nVersion: 0.26.0+cu126\n"
            + "Requires-Dist: numpy\nRequires-Dist: torch==2.11.1\n\nDescription\n";
    private static final String LYING_METADATA = METADATA.replace("torch==2.11.1", "torch==2.9.1");

    @TempDir
    Path dataDir;

    private MirrorServer mirror;
    private CatalogService catalog;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws Exception {
        mirror = new MirrorServer();
        mirror.override(PAGE, request -> MirrorServer.html(
                "<a href=\"" + WHEEL + "#sha256=" + "0".repeat(64) + "\" data-core-metadata=\"sha256=1\">w</a>\n"
                        + "<a href=\"torchvision-0.25.0%2Bcu126-cp312-cp312-manylinux_2_28_x86_64.whl\">no metadata</a>"));
        mirror.override(PAGE + WHEEL + ".metadata", request -> new MockResponse.Builder()
                .code(200)
                .body(METADATA)
                .build());
        catalog = CatalogService.standalone(catalogProperties(), mirror.root(),
                new CatalogMetrics(registry), CatalogServiceFixture.emptySnapshot(mirror.root()),
                new MutableClock(CatalogServiceFixture.START));
    }

    @AfterEach
    void stop() throws Exception {
        catalog.destroy();
        mirror.close();
    }

    @Test
    void readsTheTorchPinOnceAndPersistsIt() throws Exception {
        EntryKey key = new EntryKey(Channel.STABLE, ComputeBackend.parse("cu126"), "torchvision");
        catalog.refreshEntry(key);
        awaitKnown(Version.parse("0.26.0"));
        catalog.refreshEntry(key);
        catalog.destroy();

        CompanionPairing pairing = catalog.pairing();
        assertThat(pairing.match("torchvision", Version.parse("0.26.0+cu126"), Version.parse("2.11.1+cu126")))
                .isEqualTo(Match.PAIRED);
        assertThat(pairing.match("torchvision", Version.parse("0.26.0+cu126"), Version.parse("2.11.0+cu126")))
                .isEqualTo(Match.NOT_PAIRED);
        assertThat(pairing.knows("torchvision", Version.parse("0.25.0"))).isFalse();
        assertThat(mirror.requests(PAGE + WHEEL + ".metadata")).isEqualTo(1);
        assertThat(Files.readString(dataDir.resolve(CatalogPersistence.PINS_FILE)))
                .contains("torchvision==0.26.0\t2.11.1");
    }

    @Test
    void metadataMatchingTheDeclaredDigestIsUsed() throws Exception {
        declareMetadataDigest(sha256(METADATA));

        catalog.refreshEntry(new EntryKey(Channel.STABLE, ComputeBackend.parse("cu126"), "torchvision"));
        awaitKnown(Version.parse("0.26.0"));

        assertThat(catalog.pairing().match("torchvision", Version.parse("0.26.0+cu126"), Version.parse("2.11.1")))
                .isEqualTo(Match.PAIRED);
        assertThat(registry.counter("torchplan.catalog.rejected.metadata").count()).isZero();
    }

    @Test
    void aMetadataFileThatIsNotTheOneThePageDeclaresIsIgnoredWithAWarningAndAMetric() throws Exception {
        declareMetadataDigest(sha256(METADATA));
        mirror.override(PAGE + WHEEL + ".metadata",
                request -> new MockResponse.Builder().code(200).body(LYING_METADATA).build());

        catalog.refreshEntry(new EntryKey(Channel.STABLE, ComputeBackend.parse("cu126"), "torchvision"));
        awaitRejections(1);
        catalog.destroy();

        assertThat(catalog.pairing().knows("torchvision", Version.parse("0.26.0"))).isFalse();
        assertThat(catalog.pairing().match("torchvision", Version.parse("0.26.0+cu126"), Version.parse("2.9.1")))
                .isNotEqualTo(Match.PAIRED);
        Path pins = dataDir.resolve(CatalogPersistence.PINS_FILE);
        assertThat(Files.exists(pins) ? Files.readString(pins) : "").doesNotContain("torchvision");
    }

    @Test
    void aPinIsReadAgainWhenTheIndexDeclaresAnotherMetadataFileAndTheFixSurvivesARestart() throws Exception {
        // upstream publishes wrong metadata, declared by its own page: pip would believe it too
        declareMetadataDigest(sha256(LYING_METADATA));
        mirror.override(PAGE + WHEEL + ".metadata",
                request -> new MockResponse.Builder().code(200).body(LYING_METADATA).build());
        EntryKey key = new EntryKey(Channel.STABLE, ComputeBackend.parse("cu126"), "torchvision");
        catalog.refreshEntry(key);
        awaitPin("2.9.1");
        catalog.refreshEntry(key); // the same declared file: not read again
        awaitIdle();
        assertThat(mirror.requests(PAGE + WHEEL + ".metadata")).isEqualTo(1);

        // upstream fixes the file: the page declares the new digest
        declareMetadataDigest(sha256(METADATA));
        mirror.override(PAGE + WHEEL + ".metadata",
                request -> new MockResponse.Builder().code(200).body(METADATA).build());
        catalog.refreshEntry(key);
        awaitPin("2.11.1");
        catalog.destroy();

        assertThat(mirror.requests(PAGE + WHEEL + ".metadata")).isEqualTo(2);
        assertThat(Files.readString(dataDir.resolve(CatalogPersistence.PINS_FILE)))
                .contains("torchvision==0.26.0\t2.11.1\t" + sha256(METADATA));
        CatalogService restarted = CatalogService.standalone(catalogProperties(), mirror.root(),
                new CatalogMetrics(new SimpleMeterRegistry()), CatalogServiceFixture.emptySnapshot(mirror.root()),
                new MutableClock(CatalogServiceFixture.START));
        try {
            assertThat(restarted.pairing().match("torchvision", Version.parse("0.26.0+cu126"),
                    Version.parse("2.11.1+cu126"))).isEqualTo(Match.PAIRED);
        } finally {
            restarted.destroy();
        }
    }

    @Test
    void theCatalogKeepsTheDeclaredDigestWithTheFile() {
        declareMetadataDigest("F".repeat(64));

        PackageEntry entry =
                catalog.refreshEntry(new EntryKey(Channel.STABLE, ComputeBackend.parse("cu126"), "torchvision"));

        assertThat(entry.files()).extracting(IndexedFile::coreMetadataSha256).containsExactly("f".repeat(64));
    }

    private CatalogProperties catalogProperties() {
        CatalogProperties defaults = CatalogServiceFixture.properties(dataDir, false, List.of("torchvision"));
        return new CatalogProperties(defaults.packages(), List.of(), defaults.ttl(), false, false, dataDir,
                defaults.upstream(), defaults.minRatio(), true, defaults.maxAge());
    }

    private void awaitPin(String torch) throws InterruptedException {
        for (int attempt = 0; attempt < 300; attempt++) {
            if (catalog.pairing().match("torchvision", Version.parse("0.26.0+cu126"), Version.parse(torch))
                    == Match.PAIRED) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("torchvision 0.26.0 never paired with torch " + torch);
    }

    private void awaitIdle() throws InterruptedException {
        Thread.sleep(300); // a second fetch, if one were scheduled, would reach the mirror by then
    }

    private void declareMetadataDigest(String digest) {
        mirror.override(PAGE, request -> MirrorServer.html(
                "<a href=\"" + WHEEL + "#sha256=" + "0".repeat(64) + "\" data-dist-info-metadata=\"sha256=" + digest
                        + "\" data-core-metadata=\"sha256=" + digest + "\">w</a>\n"));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void awaitRejections(int count) throws InterruptedException {
        for (int attempt = 0; attempt < 300 && rejections() < count; attempt++) {
            Thread.sleep(50);
        }
        assertThat(rejections()).isEqualTo(count);
    }

    private double rejections() {
        return registry.counter("torchplan.catalog.rejected.metadata").count();
    }

    private void awaitKnown(Version version) throws InterruptedException {
        for (int attempt = 0; attempt < 300; attempt++) {
            if (catalog.pairing().knows("torchvision", version)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("metadata of torchvision " + version + " never read");
    }
}
