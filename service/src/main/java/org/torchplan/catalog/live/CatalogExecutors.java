package org.torchplan.catalog.live;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live catalog's threads, all daemons, each pool for one kind of work so that none starves another:
 * page fetches (as many as requests may be in flight upstream), whole-channel refreshes (which wait on page
 * fetches), companion metadata reads, and writes of the persisted catalog.
 */
public final class CatalogExecutors implements AutoCloseable {

    private final ExecutorService pages;
    private final ExecutorService channels;
    private final ExecutorService metadata;
    private final ExecutorService persistence;

    public CatalogExecutors(int maxConcurrentRequests) {
        this.pages = Executors.newFixedThreadPool(Math.max(1, maxConcurrentRequests), daemonThreads("catalog-refresh"));
        this.channels = Executors.newSingleThreadExecutor(daemonThreads("catalog-channel-refresh"));
        this.metadata = Executors.newSingleThreadExecutor(daemonThreads("catalog-metadata"));
        this.persistence = Executors.newSingleThreadExecutor(daemonThreads("catalog-persist"));
    }

    /** Page fetches: entry loads and refreshes, and the package pages of a channel refresh. */
    public ExecutorService pages() {
        return pages;
    }

    /** One whole-channel refresh at a time. */
    public ExecutorService channels() {
        return channels;
    }

    public ExecutorService metadata() {
        return metadata;
    }

    public ExecutorService persistence() {
        return persistence;
    }

    /**
     * Interrupts the fetching threads and waits a moment for them to end, so that no refresh writes the catalog
     * after shutdown has written it last.
     *
     * @return whether the metadata thread stopped in time (then its pins are complete)
     */
    boolean stopFetching() throws InterruptedException {
        channels.shutdownNow();
        pages.shutdownNow();
        metadata.shutdownNow();
        channels.awaitTermination(5, TimeUnit.SECONDS);
        pages.awaitTermination(5, TimeUnit.SECONDS);
        return metadata.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        channels.shutdownNow();
        pages.shutdownNow();
        metadata.shutdownNow();
        persistence.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
