package org.torchplan.catalog.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.torchplan.testsupport.HostileFiles;

/** The data directory under hostile conditions: bombs, FIFOs, directories, empty and damaged files, crash leftovers. */
@ExtendWith(OutputCaptureExtension.class)
class CatalogPersistenceTest {

    @TempDir
    Path dataDir;

    private CatalogPersistence persistence() {
        return new CatalogPersistence(dataDir);
    }

    @Test
    void readsBackTheCatalogItWroteAndLeavesNoTemporaryFile() throws Exception {
        persistence().writeCatalog(CatalogFileFormatTest.sample());

        assertThat(persistence().readCatalog()).get().extracting(CatalogData::upstream)
                .isEqualTo(CatalogFileFormatTest.sample().upstream());
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly(CatalogPersistence.CATALOG_FILE);
        }
    }

    @Test
    void aGzipBombIsIgnoredWithAWarningBeforeItIsHeldInMemory(CapturedOutput output) throws Exception {
        HostileFiles.gzipBomb(dataDir.resolve(CatalogPersistence.CATALOG_FILE), 300); // above the 256 MiB cap

        Optional<CatalogData> read = persistence().readCatalog();

        assertThat(read).isEmpty();
        assertThat(output.getAll()).contains("WARN").contains("Ignoring persisted catalog")
                .contains("expands to more than " + CatalogFileFormat.MAX_EXPANDED_BYTES + " bytes");
    }

    @Test
    void theExpansionCapIsConfigurable(CapturedOutput output) throws Exception {
        new CatalogPersistence(dataDir).writeCatalog(CatalogFileFormatTest.sample());

        assertThat(new CatalogPersistence(dataDir, 100).readCatalog()).isEmpty();
        assertThat(output.getAll()).contains("expands to more than 100 bytes");
    }

    @Test
    void aFifoInPlaceOfTheCatalogIsIgnoredWithoutBlocking(CapturedOutput output) throws Exception {
        Path fifo = dataDir.resolve(CatalogPersistence.CATALOG_FILE);
        Assumptions.assumeTrue(HostileFiles.mkfifo(fifo), "mkfifo is not available on this system");

        Optional<CatalogData> read = assertTimeoutPreemptively(Duration.ofSeconds(10), persistence()::readCatalog);

        assertThat(read).isEmpty();
        assertThat(output.getAll()).contains("WARN").contains("not a regular file");
    }

    @Test
    void aDirectoryInPlaceOfTheCatalogIsIgnoredWithAWarning(CapturedOutput output) throws Exception {
        Files.createDirectory(dataDir.resolve(CatalogPersistence.CATALOG_FILE));

        assertThat(persistence().readCatalog()).isEmpty();
        assertThat(output.getAll()).contains("WARN").contains("a directory, not a file");
    }

    @Test
    void anEmptyCatalogFileIsReportedAsEmptyNotAsNull(CapturedOutput output) throws Exception {
        Files.write(dataDir.resolve(CatalogPersistence.CATALOG_FILE), new byte[0]);

        assertThat(persistence().readCatalog()).isEmpty();
        assertThat(output.getAll()).contains("empty (zero bytes)").doesNotContain("unreadable: null");
    }

    @Test
    void aCatalogCutInsideItsGzipDataIsReportedAsTruncated(CapturedOutput output) throws Exception {
        Files.write(dataDir.resolve(CatalogPersistence.CATALOG_FILE), new byte[] {0x1f, (byte) 0x8b, 8, 0});

        assertThat(persistence().readCatalog()).isEmpty();
        assertThat(output.getAll()).contains("truncated").doesNotContain("unreadable: null");
    }

    @Test
    void staleTemporaryFilesOfItsOwnAreRemovedAtStartAndNothingElse() throws Exception {
        Path staleCatalog = Files.writeString(dataDir.resolve("catalog.tsv.gz123456789.tmp"), "half");
        Path stalePins = Files.writeString(dataDir.resolve("companion-pins.tsv987.tmp"), "half");
        Path foreign = Files.writeString(dataDir.resolve("notes.tmp"), "someone else's");
        persistence().writeCatalog(CatalogFileFormatTest.sample());

        persistence().removeStaleTemporaryFiles();

        assertThat(staleCatalog).doesNotExist();
        assertThat(stalePins).doesNotExist();
        assertThat(foreign).exists();
        assertThat(persistence().readCatalog()).isPresent();
    }

    @Test
    void pinsAreReadBackWithTheirChecksumAndTheDigestOfTheMetadataTheyCameFrom() {
        CompanionPins pins = new CompanionPins(Map.of("torchvision==0.25.0", "2.10.0", "torchaudio==2.10.0", ""),
                Map.of("torchvision==0.25.0", "ab".repeat(32), "torchaudio==2.10.0", ""));
        persistence().writePins(pins);

        assertThat(persistence().readPins()).isEqualTo(pins);
    }

    @Test
    void aVersionOnePinsFileIsReadWithNoDigestsSoItsPinsAreCheckedAgain() throws Exception {
        String body = "#torchplan-companion-pins\t1\ntorchvision==0.25.0\t2.10.0\n";
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Files.writeString(dataDir.resolve(CatalogPersistence.PINS_FILE),
                body + "#crc32c\t" + Long.toHexString(crc.getValue()) + "\n");

        assertThat(persistence().readPins()).isEqualTo(
                new CompanionPins(Map.of("torchvision==0.25.0", "2.10.0"), Map.of("torchvision==0.25.0", "")));
    }

    @Test
    void aPinWithAMalformedMetadataDigestIsIgnoredWithTheWholeFile(CapturedOutput output) throws Exception {
        Files.write(dataDir.resolve(CatalogPersistence.PINS_FILE), CompanionPinsFormat.write(new CompanionPins(
                Map.of("torchvision==0.25.0", "2.10.0"), Map.of("torchvision==0.25.0", "not-a-digest"))));

        assertThat(persistence().readPins()).isEqualTo(CompanionPins.NONE);
        assertThat(output.getAll()).contains("Ignoring companion pins").contains("malformed pin at line 2");
    }

    @Test
    void pinsWithABadChecksumAreIgnoredWithAWarning(CapturedOutput output) throws Exception {
        persistence().writePins(pins("torchvision==0.25.0", "2.10.0"));
        Path file = dataDir.resolve(CatalogPersistence.PINS_FILE);
        Files.writeString(file, Files.readString(file).replace("2.10.0", "2.9.1"));

        assertThat(persistence().readPins()).isEqualTo(CompanionPins.NONE);
        assertThat(output.getAll()).contains("WARN").contains("Ignoring companion pins").contains("checksum mismatch");
    }

    @Test
    void pinsThatDoNotParseAreIgnoredEvenWithAValidChecksum(CapturedOutput output) throws Exception {
        Files.write(dataDir.resolve(CatalogPersistence.PINS_FILE),
                CompanionPinsFormat.write(pins("torchvision==0.25.0", "not-a-version")));

        assertThat(persistence().readPins()).isEqualTo(CompanionPins.NONE);
        assertThat(output.getAll()).contains("Ignoring companion pins").contains("malformed pin at line 2");
    }

    @Test
    void pinsWithoutHeaderOrChecksumAreIgnored(CapturedOutput output) throws Exception {
        Files.writeString(dataDir.resolve(CatalogPersistence.PINS_FILE), "torchvision==0.25.0\tnot-a-version\n");

        assertThat(persistence().readPins()).isEqualTo(CompanionPins.NONE);
        assertThat(output.getAll()).contains("Ignoring companion pins").contains("not a torchplan companion pins file");
    }

    @Test
    void aFifoInPlaceOfThePinsIsIgnoredWithoutBlocking(CapturedOutput output) throws Exception {
        Path fifo = dataDir.resolve(CatalogPersistence.PINS_FILE);
        Assumptions.assumeTrue(HostileFiles.mkfifo(fifo), "mkfifo is not available on this system");

        CompanionPins pins = assertTimeoutPreemptively(Duration.ofSeconds(10), persistence()::readPins);

        assertThat(pins).isEqualTo(CompanionPins.NONE);
        assertThat(output.getAll()).contains("Ignoring companion pins").contains("not a regular file");
    }

    private static CompanionPins pins(String key, String torch) {
        return new CompanionPins(Map.of(key, torch), Map.of(key, ""));
    }
}
