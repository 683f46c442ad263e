package org.torchplan.catalog.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.index.UpstreamIndex;
import org.torchplan.catalog.index.UpstreamUnavailableException;
import org.torchplan.catalog.index.Validators;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.storage.CatalogWriter;

/**
 * Refreshes a whole channel: its backend listing, then one all-backends page per package, which renews every entry
 * of the channel in a few dozen requests. One refresh per channel at a time: a second caller joins the one under
 * way (the background refresh and an admin's make one set of requests).
 */
final class ChannelRefresher {

    private static final Logger log = LoggerFactory.getLogger(ChannelRefresher.class);

    private final CatalogState state;
    private final UpstreamIndex upstream;
    private final EntryRefresher entries;
    private final CatalogProperties properties;
    private final Set<String> packages;
    private final Clock clock;
    private final CatalogMetrics metrics;
    private final CatalogWriter writer;
    private final CatalogExecutors executors;
    private final Map<String, Validators> pageValidators = new ConcurrentHashMap<>();
    /** The refresh under way, per channel. */
    private final Map<Channel, Run> running = new ConcurrentHashMap<>();

    /**
     * One channel refresh.
     *
     * @param acceptShrink whether its entries take a shrink now (an operator's {@code accept-shrink=true})
     */
    private record Run(CompletableFuture<Void> done, boolean acceptShrink) {}
    private final Map<Channel, Instant> lastAttempt = new ConcurrentHashMap<>();

    ChannelRefresher(CatalogState state, UpstreamIndex upstream, EntryRefresher entries, CatalogProperties properties,
            Clock clock, CatalogMetrics metrics, CatalogWriter writer, CatalogExecutors executors) {
        this.state = state;
        this.upstream = upstream;
        this.entries = entries;
        this.properties = properties;
        this.packages = properties.packageSet();
        this.clock = clock;
        this.metrics = metrics;
        this.writer = writer;
        this.executors = executors;
    }

    /** Refreshes the channel now (or waits for the refresh under way); returns when done. */
    void refresh(Channel channel) {
        refresh(channel, false);
    }

    /**
     * The same; with {@code acceptShrink}, shrunken pages are taken (see {@link LossGuard}). A refresh under way
     * that does not take them is waited for, then one that does is run (or joined, if another caller asked too).
     */
    void refresh(Channel channel, boolean acceptShrink) {
        while (true) {
            Run run = start(channel, acceptShrink);
            join(channel, run.done());
            if (run.acceptShrink() || !acceptShrink) {
                return;
            }
        }
    }

    private static void join(Channel channel, CompletableFuture<Void> refresh) {
        try {
            refresh.join();
        } catch (java.util.concurrent.CompletionException failed) {
            log.warn("Refresh of the {} channel failed", channel, failed.getCause());
        }
    }

    boolean isRunning(Channel channel) {
        return running.containsKey(channel);
    }

    /**
     * Starts one background refresh unless one runs or one was attempted recently: not more often than a twelfth
     * of the channel's time-to-live, so an entry that stays stale (its page keeps failing) does not turn into a
     * refresh loop.
     */
    void refreshInBackground(Channel channel) {
        Duration ttl = properties.ttl().of(channel);
        Duration spacing = ttl.dividedBy(12).compareTo(properties.upstream().retryFailedAfter()) > 0
                ? ttl.dividedBy(12)
                : properties.upstream().retryFailedAfter();
        Instant attempted = lastAttempt.get(channel);
        if (attempted == null || !attempted.plus(spacing).isAfter(clock.instant())) {
            start(channel, false);
        }
    }

    /** The refresh under way, or a new one taking shrinks when {@code acceptShrink}. */
    private Run start(Channel channel, boolean acceptShrink) {
        Run started = running.computeIfAbsent(channel, unused -> {
            Run created = new Run(new CompletableFuture<>(), acceptShrink);
            try {
                executors.channels().execute(() -> run(channel, created));
            } catch (RejectedExecutionException shuttingDown) {
                return null;
            }
            return created;
        });
        // shutting down: nothing runs, and nothing will; report it done as asked
        return started != null ? started : new Run(CompletableFuture.completedFuture(null), acceptShrink);
    }

    private void run(Channel channel, Run run) {
        CompletableFuture<Void> refresh = run.done();
        lastAttempt.put(channel, clock.instant());
        RuntimeException failed = null;
        try {
            refreshAllPackages(channel, run.acceptShrink());
        } catch (RuntimeException failure) {
            failed = failure;
        } finally {
            running.remove(channel, run); // gone before anyone is told it ended: a later refresh starts anew
        }
        if (failed == null) {
            refresh.complete(null);
        } else {
            refresh.completeExceptionally(failed);
        }
    }

    private void refreshAllPackages(Channel channel, boolean acceptShrink) {
        boolean listingRead = false;
        try {
            SortedSet<ComputeBackend> listed = upstream.backends(channel);
            if (!listed.isEmpty()) {
                state.listBackends(channel, listed);
                listingRead = true;
            }
        } catch (UpstreamUnavailableException unavailable) {
            log.warn("Refresh of the {} channel: backend listing unavailable ({}); refreshing known backends",
                    channel, unavailable.getMessage());
        }
        List<Future<Boolean>> tasks = new ArrayList<>();
        for (String name : packages) {
            tasks.add(executors.pages().submit(() -> refreshPackage(channel, name, acceptShrink)));
        }
        boolean everyPageRead = listingRead;
        for (Future<Boolean> task : tasks) {
            try {
                everyPageRead &= task.get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException failed) {
                everyPageRead = false;
                log.warn("Refresh of a {} package failed", channel, failed.getCause());
            }
        }
        if (listingRead) {
            dropEntriesFromElsewhere(channel);
        }
        state.markComplete(channel);
        if (everyPageRead) {
            state.setSource(channel, CatalogSource.LIVE);
        }
        writer.writeIfChanged();
    }

    /**
     * After the configured index listed a channel's backends: entries another index's snapshot held for backends
     * this index does not list have no page a plan could point pip at, so they go.
     */
    private void dropEntriesFromElsewhere(Channel channel) {
        for (PackageEntry entry : state.all()) {
            if (entry.channel() == channel && state.isFromElsewhere(entry)) {
                state.evict(CatalogState.keyOf(entry));
            }
        }
    }

    /** Refreshes one package of a channel from its all-backends page; returns whether that page was read. */
    private boolean refreshPackage(Channel channel, String name, boolean acceptShrink) {
        String pageKey = channel.id() + "/" + name;
        UpstreamIndex.Result<Map<ComputeBackend, List<IndexedFile>>> result =
                upstream.allBackends(channel, name, pageValidators.getOrDefault(pageKey, Validators.NONE));
        SortedSet<ComputeBackend> known = state.backends(channel);
        SortedSet<ComputeBackend> channelBackends = known == null ? new TreeSet<>() : known;
        if (result instanceof UpstreamIndex.Result.Read<Map<ComputeBackend, List<IndexedFile>>> read) {
            state.recordUnattributed(pageKey, channel, read.unattributed());
            boolean everyEntryTaken = true;
            Set<ComputeBackend> affected = new TreeSet<>(read.files().keySet());
            affected.addAll(channelBackends);
            for (ComputeBackend backend : affected) {
                EntryKey key = new EntryKey(channel, backend, name);
                PackageEntry previous = state.get(key);
                List<IndexedFile> files = read.files().getOrDefault(backend, List.of());
                if (files.isEmpty() && previous == null) {
                    continue;
                }
                PackageEntry resolved = entries.resolved(key, previous,
                        new UpstreamIndex.Result.Read<>(files, read.skipped(), Validators.NONE, Map.of(),
                                read.unparseableNames()), acceptShrink);
                state.store(key, resolved);
                everyEntryTaken &= !resolved.isStale();
            }
            // a 304 confirms the page as last read: only a page every entry took may be confirmed that way, else
            // a refused (shrunken, suspect) page would come back as "not modified" and clear the stale reason
            if (everyEntryTaken && !read.validators().isEmpty()) {
                pageValidators.put(pageKey, read.validators());
            } else {
                pageValidators.remove(pageKey);
            }
            return true;
        }
        if (result instanceof UpstreamIndex.Result.NotModified) {
            Instant now = clock.instant();
            for (ComputeBackend backend : channelBackends) {
                EntryKey key = new EntryKey(channel, backend, name);
                PackageEntry previous = state.get(key);
                if (previous != null && !state.isFromElsewhere(previous)) {
                    state.store(key, previous.confirmedAt(now));
                }
            }
            return true;
        }
        if (result instanceof UpstreamIndex.Result.Missing) {
            // a mirror without all-backends pages: fall back to the per-backend pages of the backends we know
            for (ComputeBackend backend : channelBackends) {
                EntryKey key = new EntryKey(channel, backend, name);
                if (state.get(key) != null) {
                    entries.refresh(key, acceptShrink);
                }
            }
            return true;
        }
        String reason = ((UpstreamIndex.Result.Failed<?>) result).reason();
        for (ComputeBackend backend : channelBackends) {
            EntryKey key = new EntryKey(channel, backend, name);
            PackageEntry previous = state.get(key);
            if (previous != null) {
                state.store(key, previous.markedStale(reason));
            }
        }
        metrics.refused();
        return false;
    }
}
