package org.torchplan.catalog.storage;

import org.torchplan.catalog.model.CatalogSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last good live catalog, and the companion pins read from wheel metadata, in the data directory.
 * Files are replaced atomically (written to a temporary file, then moved over the old one), so a crash leaves
 * either the old or the new file, never half of one; the catalog file carries a checksum so bit rot and
 * truncation are detected. An unreadable file is reported and ignored: start-up never fails on it.
 */
public class CatalogPersistence {

    public static final String CATALOG_FILE = "catalog.tsv.gz";
    public static final String PINS_FILE = "companion-pins.tsv";

    private static final Logger log = LoggerFactory.getLogger(CatalogPersistence.class);

    private final Path directory;

    public CatalogPersistence(Path directory) {
        this.directory = directory;
    }

    public Path catalogFile() {
        return directory.resolve(CATALOG_FILE);
    }

    /** The persisted catalog, or empty when there is none or it cannot be trusted (logged as a warning). */
    public Optional<CatalogData> readCatalog() {
        Path file = catalogFile();
        try (InputStream input = Files.newInputStream(file)) {
            return Optional.of(CatalogFileFormat.read(input, CatalogSource.PERSISTED));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException | CorruptCatalogFileException unreadable) {
            log.warn("Ignoring persisted catalog {}: {}. Starting from the embedded snapshot; the file is "
                    + "replaced after the next successful refresh.", file, unreadable.getMessage());
            return Optional.empty();
        }
    }

    /** Writes the catalog atomically; failures are logged, the in-memory catalog is unaffected. */
    public void writeCatalog(CatalogData data) {
        replace(catalogFile(), output -> CatalogFileFormat.write(data, output));
    }

    /** The companion pins ({@code package==version} to pinned torch or ""); unreadable lines are skipped. */
    public Map<String, String> readPins() {
        Path file = directory.resolve(PINS_FILE);
        Map<String, String> pins = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0 && line.substring(0, tab).contains("==")) {
                    pins.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (NoSuchFileException absent) {
            return pins;
        } catch (IOException | RuntimeException unreadable) {
            log.warn("Ignoring companion pins {}: {}", file, unreadable.getMessage());
        }
        return pins;
    }

    public void writePins(Map<String, String> pins) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(pins).forEach((key, pin) -> text.append(key).append('\t').append(pin).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        replace(directory.resolve(PINS_FILE), output -> output.write(bytes));
    }

    private void replace(Path target, Content content) {
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, target.getFileName().toString(), ".tmp");
            try (OutputStream output = Files.newOutputStream(temporary)) {
                content.writeTo(output);
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException failure) {
            log.warn("Could not write {}: {}", target, failure.getMessage());
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // the next write creates a new temporary file; a leftover one is harmless
                }
            }
        }
    }

    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream output) throws IOException;
    }
}
