package org.torchplan.catalog.storage;

import org.torchplan.catalog.model.CatalogSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Set;
import java.util.TreeSet;
import org.torchplan.catalog.index.FileAttribution;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.CompanionPairing;
import java.io.UncheckedIOException;

/**
 * The stable channel as recorded when the service was built ({@code catalog/snapshot-stable.tsv.gz} on the
 * classpath), so the service has a catalog the moment it starts, even with no network at all.
 * Rebuild it with {@code scripts/build-snapshot <mirror>/whl}.
 */
public final class EmbeddedSnapshot {

    public static final String RESOURCE = "/catalog/snapshot-stable.tsv.gz";

    /** A read started by {@link #preload()} and not yet taken. */
    private static final AtomicReference<FutureTask<CatalogData>> PRELOADED = new AtomicReference<>();

    private EmbeddedSnapshot() {}

    /**
     * Starts reading the snapshot on a thread of its own, for {@link #loadPreloaded()} to take: the service's
     * {@code main} calls it before Spring starts, so the read (the largest single piece of a start-up) runs on the
     * second core while the context is built, instead of inside the catalog's construction.
     */
    public static void preload() {
        FutureTask<CatalogData> read = new FutureTask<>(EmbeddedSnapshot::load);
        if (PRELOADED.compareAndSet(null, read)) {
            Thread reader = new Thread(read, "catalog-snapshot-preload");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /**
     * The snapshot: the read {@link #preload()} started (waited for, and taken, so that nothing keeps it but its
     * user), or a read made now when none was started. A failed read fails here as {@link #load()} fails.
     */
    public static CatalogData loadPreloaded() {
        FutureTask<CatalogData> read = PRELOADED.getAndSet(null);
        if (read == null) {
            return load();
        }
        try {
            return read.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded snapshot", interrupted);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (failed.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("embedded snapshot unreadable", failed.getCause());
        }
    }

    /**
     * @throws IllegalStateException when the resource is missing or damaged: that is a broken build, not a
     *     runtime condition
     */
    public static CatalogData load() {
        try (InputStream input = EmbeddedSnapshot.class.getResourceAsStream(RESOURCE)) {
            if (input == null) {
                throw new IllegalStateException("embedded snapshot " + RESOURCE + " is missing from the build");
            }
            return CatalogFileFormat.read(input, CatalogSource.SNAPSHOT);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("embedded snapshot " + RESOURCE + " is unreadable", unreadable);
        } catch (CorruptCatalogFileException corrupt) {
            throw new IllegalStateException("embedded snapshot " + RESOURCE + " is damaged: " + corrupt.getMessage(),
                    corrupt);
        }
    }

    /**
     * The embedded stable channel as the planner reads it, with the package set it records and the release table
     * for pairing (for tests and benchmarks of the planner).
     */
    public static CatalogSnapshot stable() {
        CatalogData data = load();
        Set<String> packages = new TreeSet<>();
        data.entries().forEach(entry -> packages.add(entry.packageName()));
        return CatalogSnapshot.of(Channel.STABLE, data.upstream(), packages,
                data.backends().getOrDefault(Channel.STABLE, new TreeSet<>()),
                data.entries().stream().map(FileAttribution::ownFiles).toList(), new CompanionPairing(),
                new CatalogStatus(CatalogSource.SNAPSHOT, data.recordedAt(), false));
    }
}
