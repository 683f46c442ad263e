package org.torchplan.catalog.storage;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Writes the live catalog to the data directory when it changed, off the request path: changes are flagged as
 * they arrive and written by one background write at a time, so a burst of updates costs one write.
 */
public class CatalogWriter {

    private final CatalogPersistence persistence;
    private final Supplier<CatalogData> currentCatalog;
    private final ExecutorService executor;
    private final AtomicBoolean writePending = new AtomicBoolean();
    private final AtomicBoolean unwrittenChanges = new AtomicBoolean();

    public CatalogWriter(CatalogPersistence persistence, Supplier<CatalogData> currentCatalog, ExecutorService executor) {
        this.persistence = persistence;
        this.currentCatalog = currentCatalog;
        this.executor = executor;
    }

    /** Live data arrived that the data directory does not have yet. */
    public void changed() {
        unwrittenChanges.set(true);
    }

    /** Schedules one write; changes flagged before it runs are written by it too. */
    public void writeSoon() {
        if (writePending.compareAndSet(false, true)) {
            try {
                executor.execute(() -> {
                    writePending.set(false);
                    writeIfChanged();
                });
            } catch (RejectedExecutionException shuttingDown) {
                writePending.set(false);
            }
        }
    }

    /** Writes now, on the calling thread, if anything changed since the last write. */
    public void writeIfChanged() {
        if (unwrittenChanges.getAndSet(false)) {
            persistence.writeCatalog(currentCatalog.get());
        }
    }

    /** Lets a pending write complete. */
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
