package org.torchplan.catalog.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.index.UpstreamIndex;
import org.torchplan.catalog.index.Validators;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.storage.CatalogWriter;

/**
 * Reads single entries from their per-backend pages: loads an entry a channel held in part has never seen (single
 * flight), renews an expired one in the background (stale-while-revalidate), and decides what an upstream answer
 * makes of an entry ({@link EntryResolution}: never less than the copy it would replace).
 */
final class EntryRefresher {

    private final CatalogState state;
    private final UpstreamIndex upstream;
    private final CatalogProperties properties;
    private final Clock clock;
    private final CatalogMetrics metrics;
    private final CatalogWriter writer;
    private final CompanionMetadataFetcher metadata;
    private final ExecutorService pages;
    private final Map<EntryKey, Validators> validators = new ConcurrentHashMap<>();
    private final Set<EntryKey> refreshing = ConcurrentHashMap.newKeySet();
    private final Map<EntryKey, Instant> lastAttempt = new ConcurrentHashMap<>();
    /** Refreshes in a row whose answer was refused as a shrink, per entry (see {@link LossGuard}); in memory only. */
    private final Map<EntryKey, Integer> consecutiveShrinks = new ConcurrentHashMap<>();

    EntryRefresher(CatalogState state, UpstreamIndex upstream, CatalogProperties properties, Clock clock,
            CatalogMetrics metrics, CatalogWriter writer, CompanionMetadataFetcher metadata, ExecutorService pages) {
        this.state = state;
        this.upstream = upstream;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.writer = writer;
        this.metadata = metadata;
        this.pages = pages;
    }

    /** The entry, read from its page the first time (once however many callers ask together). */
    PackageEntry load(EntryKey key) {
        PackageEntry loaded = state.getOrLoad(key, () -> {
            lastAttempt.put(key, clock.instant());
            return resolved(key, null, read(key));
        });
        writer.writeSoon();
        return loaded;
    }

    /** Refreshes one entry from its per-backend page now, on the calling thread. */
    PackageEntry refresh(EntryKey key) {
        return refresh(key, false);
    }

    /** The same, taking a shrink now when {@code acceptShrink} (an operator's explicit refresh). */
    PackageEntry refresh(EntryKey key, boolean acceptShrink) {
        lastAttempt.put(key, clock.instant());
        PackageEntry updated = resolved(key, state.get(key), read(key), acceptShrink);
        state.store(key, updated);
        writer.writeSoon();
        return updated;
    }

    /** Renews an expired entry in the background, not more often than {@code retry-failed-after}. */
    void refreshInBackgroundIfExpired(EntryKey key, PackageEntry cached) {
        if (properties.offline() || !isExpired(cached)) {
            return;
        }
        Instant attempted = lastAttempt.get(key);
        if (attempted != null && attempted.plus(properties.upstream().retryFailedAfter()).isAfter(clock.instant())) {
            return;
        }
        if (refreshing.add(key)) {
            try {
                pages.execute(() -> {
                    try {
                        refresh(key);
                    } finally {
                        refreshing.remove(key);
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                refreshing.remove(key);
            }
        }
    }

    boolean isExpired(PackageEntry entry) {
        Duration ttl = properties.ttl().of(entry.channel());
        return entry.fetchedAt() == null || entry.fetchedAt().plus(ttl).isBefore(clock.instant());
    }

    /** The entry that results from an upstream answer, given the copy it would replace. */
    PackageEntry resolved(EntryKey key, PackageEntry previous, UpstreamIndex.Result<List<IndexedFile>> result) {
        return resolved(key, previous, result, false);
    }

    /** The same, taking a shrink now when {@code acceptShrink}. */
    PackageEntry resolved(EntryKey key, PackageEntry previous, UpstreamIndex.Result<List<IndexedFile>> result,
            boolean acceptShrink) {
        Instant now = clock.instant();
        EntryResolution.ShrinkAllowance shrinks = new EntryResolution.ShrinkAllowance(
                consecutiveShrinks.getOrDefault(key, 0), acceptShrink);
        EntryResolution.Outcome outcome = EntryResolution.resolve(key, previous, state.isFromElsewhere(previous),
                result, now, properties.minRatio(), state.sourceOf(key.channel()), shrinks);
        if (outcome.shrinkRefused()) {
            consecutiveShrinks.merge(key, 1, Integer::sum);
        } else if (result instanceof UpstreamIndex.Result.Read || result instanceof UpstreamIndex.Result.NotModified) {
            consecutiveShrinks.remove(key); // failures neither count nor break the run: they say nothing of size
        }
        if (outcome.refused()) {
            metrics.refused();
        }
        metrics.digests(outcome.digests());
        if (outcome.live()) {
            if (result instanceof UpstreamIndex.Result.Read<List<IndexedFile>> read && !read.validators().isEmpty()) {
                validators.put(key, read.validators());
            }
            state.markLive(now);
            writer.changed(); // written once the entry is in the cache: writeSoon() or the end of a channel refresh
            considerMetadata(outcome.entry());
        }
        return outcome.entry();
    }

    private UpstreamIndex.Result<List<IndexedFile>> read(EntryKey key) {
        UpstreamIndex.Result<List<IndexedFile>> result = upstream.entry(key, validators.getOrDefault(key, Validators.NONE));
        if (result instanceof UpstreamIndex.Result.Read<List<IndexedFile>> read) {
            state.recordUnattributed(key.toString(), key.channel(), read.unattributed());
        }
        return result;
    }

    private void considerMetadata(PackageEntry entry) {
        if (properties.companionMetadata() && !properties.offline() && entry.channel() != Channel.NIGHTLY) {
            metadata.consider(entry);
        }
    }
}
