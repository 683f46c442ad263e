package org.torchplan.catalog.storage;

import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.model.IndexedFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.packaging.WheelFilename;

class CatalogFileFormatTest {

    private static final Instant RECORDED = Instant.parse("2026-05-19T06:15:55Z");

    static CatalogData sample() {
        ComputeBackend cu126 = ComputeBackend.parse("cu126");
        IndexedFile newer = new IndexedFile(WheelFilename.parse("torch-2.12.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl"),
                "https://download-r2.pytorch.org/whl/cu126/torch-2.12.0%2Bcu126-cp312-cp312-manylinux_2_28_x86_64.whl",
                "a256b51e8ca00770a47fe7ab865e3211d2a080d4f1cdc814cdcfb073b36cf1a1", ">=3.10", true,
                Instant.parse("2026-05-01T10:00:00Z"), null,
                "5f1c0b7bd1b2e8a4ff2a7c6f0c5ee2d1d8e4a3f09b6a2c1d0e9f8a7b6c5d4e3f");
        IndexedFile older = new IndexedFile(WheelFilename.parse("torch-2.0.0-1-cp310-cp310-manylinux2014_aarch64.whl"),
                "https://download.pytorch.org/whl/torch-2.0.0-1-cp310-cp310-manylinux2014_aarch64.whl",
                null, null, false, null, "bad\tbuild\\reason");
        PackageEntry entry = PackageEntry.of(Channel.STABLE, cu126, "torch", List.of(older, newer), RECORDED,
                CatalogSource.LIVE);
        PackageEntry nightly = PackageEntry.of(Channel.NIGHTLY, ComputeBackend.CPU, "torchvision", List.of(), null,
                CatalogSource.LIVE);
        return new CatalogData(RECORDED, "https://download.pytorch.org/whl",
                Map.of(Channel.STABLE, new TreeSet<>(List.of(cu126, ComputeBackend.CPU))), List.of(entry, nightly));
    }

    static byte[] write(CatalogData data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CatalogFileFormat.write(data, bytes);
        return bytes.toByteArray();
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        CatalogData written = sample();

        CatalogData read = CatalogFileFormat.read(new ByteArrayInputStream(write(written)), CatalogSource.PERSISTED);

        assertThat(read.recordedAt()).isEqualTo(RECORDED);
        assertThat(read.upstream()).isEqualTo(written.upstream());
        assertThat(read.backends()).isEqualTo(written.backends());
        assertThat(read.entries()).hasSize(2);
        PackageEntry entry = read.entries().get(0);
        assertThat(entry.source()).isEqualTo(CatalogSource.PERSISTED);
        assertThat(entry.files()).isEqualTo(written.entries().get(0).files());
        assertThat(entry.files().get(0).version().toString()).isEqualTo("2.12.0+cu126");
        assertThat(entry.files().get(1).yanked()).isEqualTo("bad\tbuild\\reason");
        assertThat(entry.files().get(0).coreMetadataSha256())
                .isEqualTo("5f1c0b7bd1b2e8a4ff2a7c6f0c5ee2d1d8e4a3f09b6a2c1d0e9f8a7b6c5d4e3f");
        assertThat(entry.files().get(1).hasCoreMetadata()).isFalse();
        assertThat(read.entries().get(1).fetchedAt()).isNull();
    }

    @Test
    void writesACatalogThatKnowsNoBackendsYet() throws Exception {
        CatalogData empty = new CatalogData(RECORDED, "https://mirror.example/whl", Map.of(), List.of());

        CatalogData read = CatalogFileFormat.read(new ByteArrayInputStream(write(empty)), CatalogSource.PERSISTED);

        assertThat(read.backends()).isEmpty();
        assertThat(read.upstream()).isEqualTo("https://mirror.example/whl");
    }

    @Test
    void rejectsAFileWithAFlippedByte() throws Exception {
        byte[] plain = gunzip(write(sample()));
        int target = new String(plain, StandardCharsets.UTF_8).indexOf("2.12.0%2B");
        plain[target] = '3';

        assertThatThrownBy(() -> CatalogFileFormat.read(new ByteArrayInputStream(gzip(plain)), CatalogSource.PERSISTED))
                .isInstanceOf(CorruptCatalogFileException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void rejectsATruncatedFile() throws Exception {
        byte[] plain = gunzip(write(sample()));
        byte[] truncated = Arrays.copyOf(plain, plain.length / 2);

        assertThatThrownBy(() -> CatalogFileFormat.read(new ByteArrayInputStream(gzip(truncated)), CatalogSource.PERSISTED))
                .isInstanceOf(CorruptCatalogFileException.class);
        byte[] compressed = write(sample());
        assertThatThrownBy(() -> CatalogFileFormat.read(
                        new ByteArrayInputStream(Arrays.copyOf(compressed, compressed.length - 20)), CatalogSource.PERSISTED))
                .isInstanceOf(CorruptCatalogFileException.class);
    }

    @Test
    void rejectsSomethingElseEntirely() {
        assertThatThrownBy(() -> CatalogFileFormat.read(
                        new ByteArrayInputStream("not gzip".getBytes(StandardCharsets.UTF_8)), CatalogSource.PERSISTED))
                .isInstanceOf(CorruptCatalogFileException.class);
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (GZIPInputStream input = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return input.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream output = new GZIPOutputStream(bytes)) {
            output.write(plain);
        }
        return bytes.toByteArray();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"2026-05-19T06:15:55Z", "1970-01-01T00:00:00Z",
            "2024-02-29T23:59:59Z", "2026-05-19T06:15:55.5Z", "2026-05-19T06:15:55.123456Z",
            "2026-05-19T06:15:55.123456789Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
            "2026-04-30T12:00:00Z", "2026-01-31T00:00:00.000Z"})
    void readsAStoredInstantAsInstantParseDoes(String text) {
        assertThat(CatalogFileFormat.instant(text)).isEqualTo(Instant.parse(text));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-05-19T24:00:00Z", "2026-05-19T06:60:00Z", "2026-05-19T06:15:55.Z", "2026-05-19T06:15:55.1234567891Z",
            "2026-05-19 06:15:55Z", "2026-05-19T06:15:55", "2026-5-19T06:15:55Z", "2026-05-19T06:15:5xZ",
            "+12026-05-19T06:15:55Z", "2025-02-29T00:00:00Z"})
    void answersOddTextsAsInstantParseDoes(String text) {
        Object expected;
        try {
            expected = Instant.parse(text);
        } catch (java.time.format.DateTimeParseException refused) {
            expected = refused.getClass();
        }
        Object actual;
        try {
            actual = CatalogFileFormat.instant(text);
        } catch (java.time.format.DateTimeParseException refused) {
            actual = refused.getClass();
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void readsEveryInstantItWritesBack() {
        java.util.Random random = new java.util.Random(14);
        for (int round = 0; round < 20_000; round++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_135_596_800L, 253_402_300_799L),
                    random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
            assertThat(CatalogFileFormat.instant(instant.toString())).as(instant.toString()).isEqualTo(instant);
        }
    }
}
