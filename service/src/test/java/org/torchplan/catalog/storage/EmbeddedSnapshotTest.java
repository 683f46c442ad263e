package org.torchplan.catalog.storage;

import org.torchplan.catalog.model.CatalogSnapshot;

import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.PackageEntry;

import org.torchplan.catalog.model.CatalogSource;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.torchplan.backend.ComputeBackend;

class EmbeddedSnapshotTest {

    private static final CatalogSnapshot SNAPSHOT = EmbeddedSnapshot.stable();

    @Test
    void carriesTheRecordingDateAndUpstream() {
        assertThat(SNAPSHOT.status().source()).isEqualTo(CatalogSource.SNAPSHOT);
        assertThat(SNAPSHOT.status().fetchedAt()).isEqualTo(Instant.parse("2026-05-19T06:15:55Z"));
        assertThat(SNAPSHOT.indexRoot()).isEqualTo("https://download.pytorch.org/whl");
    }

    @Test
    void knowsEveryStableBackendOfTheRecording() {
        assertThat(SNAPSHOT.backends()).extracting(ComputeBackend::toString)
                .contains("cpu", "cu118", "cu126", "cu128", "cu130", "rocm6.2.4", "rocm7.2", "xpu")
                .hasSizeGreaterThan(40);
        assertThat(EmbeddedSnapshot.load().backends()).containsOnlyKeys(Channel.STABLE);
    }

    @Test
    void holdsTorch212ForCp312LinuxX8664InCu126() {
        PackageEntry torch = SNAPSHOT.entry(ComputeBackend.parse("cu126"), "torch");

        assertThat(torch.files())
                .filteredOn(file -> file.filename().toString()
                        .equals("torch-2.12.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl"))
                .singleElement()
                .satisfies(file -> {
                    assertThat(file.url()).startsWith("https://download").contains("/whl/cu126/torch-2.12.0%2Bcu126-");
                    assertThat(file.sha256()).hasSize(64);
                    assertThat(file.hasCoreMetadata()).isTrue();
                    assertThat(file.uploadTime()).isNotNull();
                });
        assertThat(torch.files().get(0).version().toString()).startsWith("2.12.0");
    }

    @Test
    void listsRootFilesOnEveryBackendPageAsTheIndexDoes() {
        PackageEntry cpu = SNAPSHOT.entry(ComputeBackend.CPU, "torch");
        PackageEntry cu126 = SNAPSHOT.entry(ComputeBackend.parse("cu126"), "torch");

        assertThat(cu126.files()).anySatisfy(file ->
                assertThat(file.filename().toString()).isEqualTo("torch-0.1.10.post1-cp27-none-macosx_10_7_x86_64.whl"));
        assertThat(cpu.files()).anySatisfy(file ->
                assertThat(file.filename().toString()).isEqualTo("torch-0.1.10.post1-cp27-none-macosx_10_7_x86_64.whl"));
    }

    @Test
    void answersAnEmptyEntryForWhatTheIndexDoesNotHave() {
        PackageEntry none = SNAPSHOT.entry(ComputeBackend.parse("cu75"), "torchcodec");

        assertThat(none.files()).isEmpty();
        assertThat(none.packageName()).isEqualTo("torchcodec");
    }

    /**
     * The recording lists the root file fbgemm_gpu-0.6.0+cpu on every backend's page (as the index does); a backend
     * never owns another backend's build, so the live catalog loads it on cpu alone.
     */
    @Test
    void theLiveCatalogLoadsNoRootFileLabelledForAnotherBackend() throws Exception {
        java.nio.file.Path dataDir = java.nio.file.Files.createTempDirectory("embedded-snapshot-test");
        org.torchplan.catalog.live.CatalogService catalog = org.torchplan.catalog.live.CatalogService.standalone(
                org.torchplan.catalog.CatalogProperties.defaults(dataDir), org.torchplan.catalog.model.PytorchIndex.ROOT_URL,
                new org.torchplan.catalog.live.CatalogMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()),
                EmbeddedSnapshot.load(), java.time.Clock.systemUTC());
        try {
            assertThat(EmbeddedSnapshot.load().entries().stream()
                    .filter(entry -> !entry.backend().equals(ComputeBackend.CPU))
                    .flatMap(entry -> entry.files().stream())
                    .anyMatch(file -> file.filename().toString().startsWith("fbgemm_gpu-0.6.0+cpu")))
                    .as("the recording has the root file on other backends' pages").isTrue();
            assertThat(catalog.allEntries()).allSatisfy(entry -> assertThat(entry.files()).allSatisfy(file -> {
                String label = file.version().local();
                if (label != null && label.equals("cpu")) {
                    assertThat(entry.backend()).isEqualTo(ComputeBackend.CPU);
                }
            }));
            assertThat(catalog.entry(org.torchplan.catalog.model.Channel.STABLE, ComputeBackend.CPU, "fbgemm-gpu")
                    .files()).anyMatch(file -> file.filename().toString().startsWith("fbgemm_gpu-0.6.0+cpu"));
        } finally {
            catalog.destroy();
        }
    }

    @Test
    void aPreloadedReadIsTheSnapshotAndIsTakenOnce() {
        CatalogData direct = EmbeddedSnapshot.load();

        EmbeddedSnapshot.preload();
        EmbeddedSnapshot.preload(); // a second call starts no second read
        CatalogData preloaded = EmbeddedSnapshot.loadPreloaded();
        CatalogData afterwards = EmbeddedSnapshot.loadPreloaded(); // nothing preloaded any more: read now

        for (CatalogData data : java.util.List.of(preloaded, afterwards)) {
            assertThat(data.recordedAt()).isEqualTo(direct.recordedAt());
            assertThat(data.backends()).isEqualTo(direct.backends());
            assertThat(data.entries()).isEqualTo(direct.entries());
        }
        assertThat(afterwards).isNotSameAs(preloaded);
    }
}
