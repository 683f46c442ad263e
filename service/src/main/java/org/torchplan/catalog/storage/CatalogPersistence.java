package org.torchplan.catalog.storage;

import org.torchplan.catalog.model.CatalogSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last good live catalog, and the companion pins read from wheel metadata, in the data directory.
 * Files are replaced atomically (written to a temporary file, synced, moved over the old one, the directory
 * synced), so a crash or power loss leaves either the old or the new file, never half of one; both files carry a
 * checksum so bit rot and truncation are detected. A file that cannot be trusted (damaged, not a regular file, a
 * catalog expanding beyond {@code maxExpandedBytes}) is reported with its reason and ignored: start-up never fails
 * or hangs on it.
 */
public class CatalogPersistence {

    public static final String CATALOG_FILE = "catalog.tsv.gz";
    public static final String PINS_FILE = "companion-pins.tsv";
    /** The PyPI projects and metadata read by {@code org.torchplan.pypi}, in the same data directory. */
    public static final String PYPI_FILE = "pypi-projects.tsv.gz";
    /** Temporary files are named after their target: {@code catalog.tsv.gz<random>.tmp}. */
    private static final String TEMPORARY_SUFFIX = ".tmp";
    /** The pins of every companion release ever read are a few hundred KiB. */
    private static final long MAX_PINS_BYTES = 16L << 20;

    private static final Logger log = LoggerFactory.getLogger(CatalogPersistence.class);

    private final Path directory;
    private final long maxExpandedBytes;

    public CatalogPersistence(Path directory) {
        this(directory, CatalogFileFormat.MAX_EXPANDED_BYTES);
    }

    /** @param maxExpandedBytes what a saved catalog may expand to; a larger one is ignored (a gzip bomb) */
    public CatalogPersistence(Path directory, long maxExpandedBytes) {
        this.directory = directory;
        this.maxExpandedBytes = maxExpandedBytes;
    }

    public Path catalogFile() {
        return directory.resolve(CATALOG_FILE);
    }

    public Path pinsFile() {
        return directory.resolve(PINS_FILE);
    }

    /**
     * Removes the temporary files a crash left behind (only this class's own, named after its files); called at
     * start, before anything is written.
     */
    public void removeStaleTemporaryFiles() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, this::isOwnTemporaryFile)) {
            for (Path stale : files) {
                try {
                    Files.deleteIfExists(stale);
                    log.info("Removed {}, a temporary file left by an interrupted write", stale);
                } catch (IOException undeletable) {
                    log.warn("Could not remove the stale temporary file {}: {}", stale,
                            CatalogFileFormat.describe(undeletable));
                }
            }
        } catch (IOException | RuntimeException unlisted) {
            log.warn("Could not look for stale temporary files in {}: {}", directory,
                    CatalogFileFormat.describe(unlisted));
        }
    }

    private boolean isOwnTemporaryFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(TEMPORARY_SUFFIX)
                && (name.startsWith(CATALOG_FILE) || name.startsWith(PINS_FILE) || name.startsWith(PYPI_FILE))
                && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    /** The persisted catalog, or empty when there is none or it cannot be trusted (logged as a warning). */
    public Optional<CatalogData> readCatalog() {
        Path file = catalogFile();
        try {
            if (!readableRegularFile(file)) {
                return Optional.empty();
            }
            long expanded;
            try (InputStream input = Files.newInputStream(file)) {
                expanded = CatalogFileFormat.expandedSize(input, maxExpandedBytes);
            }
            // parsing holds the content about three times over (bytes, text, rows)
            if (expanded > Runtime.getRuntime().maxMemory() / 4) {
                throw new CorruptCatalogFileException("expands to " + expanded + " bytes, too large for this heap");
            }
            try (InputStream input = Files.newInputStream(file)) {
                return Optional.of(CatalogFileFormat.read(input, CatalogSource.PERSISTED, expanded));
            }
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException | CorruptCatalogFileException unreadable) {
            ignored(file, reasonOf(unreadable));
            return Optional.empty();
        }
    }

    /**
     * Whether a file is there to be read: absent is silent; anything but a non-empty regular file (a directory, a
     * FIFO that would block the reader forever, a device) is reported and ignored.
     */
    private boolean readableRegularFile(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException absent) {
            return false;
        }
        if (!attributes.isRegularFile()) {
            ignored(file, attributes.isDirectory() ? "a directory, not a file" : "not a regular file (a FIFO or device?)");
            return false;
        }
        if (attributes.size() == 0) {
            ignored(file, "empty (zero bytes)");
            return false;
        }
        return true;
    }

    private void ignored(Path file, String reason) {
        if (!file.equals(catalogFile()) && !file.equals(pinsFile())) {
            log.warn("Ignoring {}: {}.", file, reason);
        } else if (file.equals(catalogFile())) {
            log.warn("Ignoring persisted catalog {}: {}. Starting from the embedded snapshot; the file is "
                    + "replaced after the next successful refresh.", file, reason);
        } else {
            log.warn("Ignoring companion pins {}: {}. The pins are read again from the wheels' metadata.", file,
                    reason);
        }
    }

    /**
     * Another file of the data directory in the framing of {@link CatalogFileFormat#checkedText} (gzip'd, with a
     * trailing checksum), as text; empty when it is absent, or cannot be trusted (logged as a warning naming
     * {@code consequence}, what the service does instead).
     */
    public Optional<String> readCheckedFile(String fileName, long maxExpandedBytes, String consequence) {
        Path file = directory.resolve(fileName);
        try {
            if (!readableRegularFile(file)) {
                return Optional.empty();
            }
            try (InputStream input = Files.newInputStream(file)) {
                return Optional.of(CatalogFileFormat.checkedText(input, maxExpandedBytes));
            }
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException | CorruptCatalogFileException unreadable) {
            log.warn("Ignoring {}: {}. {}", file, reasonOf(unreadable), consequence);
            return Optional.empty();
        }
    }

    /** Replaces another file of the data directory atomically with {@code lines} in the checked framing. */
    public void writeCheckedFile(String fileName, Iterable<String> lines) {
        replace(directory.resolve(fileName), output -> CatalogFileFormat.writeChecked(lines, output));
    }

    /** Writes the catalog atomically; failures are logged, the in-memory catalog is unaffected. */
    public void writeCatalog(CatalogData data) {
        replace(catalogFile(), output -> CatalogFileFormat.write(data, output));
    }

    /**
     * The companion pins; a damaged file is ignored whole (logged as a warning), so a bad pin never reaches a plan.
     */
    public CompanionPins readPins() {
        Path file = pinsFile();
        try {
            if (!readableRegularFile(file)) {
                return CompanionPins.NONE;
            }
            byte[] content;
            try (InputStream input = Files.newInputStream(file)) {
                content = input.readNBytes((int) MAX_PINS_BYTES + 1);
            }
            if (content.length > MAX_PINS_BYTES) {
                throw new CorruptCatalogFileException("larger than " + MAX_PINS_BYTES + " bytes");
            }
            return CompanionPinsFormat.read(content);
        } catch (NoSuchFileException absent) {
            return CompanionPins.NONE;
        } catch (IOException | CorruptCatalogFileException unreadable) {
            ignored(file, reasonOf(unreadable));
            return CompanionPins.NONE;
        }
    }

    public void writePins(CompanionPins pins) {
        byte[] bytes = CompanionPinsFormat.write(pins);
        replace(pinsFile(), output -> output.write(bytes));
    }

    private void replace(Path target, Content content) {
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, target.getFileName().toString(), TEMPORARY_SUFFIX);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                OutputStream output = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(output);
                output.flush();
                channel.force(true); // the content is on disk before the name points to it
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory();
        } catch (IOException | RuntimeException failure) {
            log.warn("Could not write {}: {}", target, failure.getMessage());
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // removed at the next start (removeStaleTemporaryFiles)
                }
            }
        }
    }

    /** Makes the rename durable; a file system that cannot sync a directory (Windows) keeps the rename anyway. */
    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException unsupported) {
            log.debug("Could not sync the directory {}: {}", directory, unsupported.getMessage());
        }
    }

    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream output) throws IOException;
    }

    /** Why a stored file is ignored: what the format check found, or what reading it failed with. */
    private static String reasonOf(Exception unreadable) {
        return unreadable instanceof CorruptCatalogFileException
                ? unreadable.getMessage()
                : "unreadable: " + CatalogFileFormat.describe(unreadable);
    }
}
