package org.torchplan.catalog.live;

import org.torchplan.catalog.index.FileAttribution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cache.Cache;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.index.FileAttribution;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.storage.CatalogData;

/**
 * What the live catalog holds: the entries (one per channel, backend and package, in the {@code catalog-entries}
 * cache of the service's {@code CacheManager}), the backends of each channel, the channels held in full and where
 * each channel's data came from. Every change is counted, so that what is derived from the state (snapshots, the
 * status) is rebuilt only when it changed.
 */
final class CatalogState {

    private final Cache entries;
    private final boolean snapshotFromElsewhere;
    private final Map<Channel, SortedSet<ComputeBackend>> backends = new ConcurrentHashMap<>();
    /** Channels read in full (loaded whole, or refreshed in full): an entry missing there is empty, not unknown. */
    private final Set<Channel> completeChannels = ConcurrentHashMap.newKeySet();
    /** Where a channel's data came from as a whole: its loaded base, then live once refreshed in full. */
    private final Map<Channel, CatalogSource> channelSources = new ConcurrentHashMap<>();
    /** Files the channel's pages listed that belong to no backend, per page and folder (see FileAttribution). */
    private final Map<String, UnattributedFiles> unattributed = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private volatile CatalogSource baseSource = CatalogSource.SNAPSHOT;
    private volatile Instant fetchedAt;

    /**
     * @param snapshotFromElsewhere whether the embedded snapshot was recorded from another index than the
     *     configured one (a mirror): its entries are then a start-up default only
     */
    CatalogState(Cache entries, boolean snapshotFromElsewhere) {
        this.entries = entries;
        this.snapshotFromElsewhere = snapshotFromElsewhere;
    }

    PackageEntry get(EntryKey key) {
        return entries.get(key, PackageEntry.class);
    }

    /** The entry, loaded by {@code loader} once however many callers ask at the same time (single flight). */
    PackageEntry getOrLoad(EntryKey key, Callable<PackageEntry> loader) {
        PackageEntry entry = entries.get(key, loader);
        changed();
        return entry;
    }

    /** Stores an entry; every change of the catalog goes through here or {@link #changed()}. */
    void store(EntryKey key, PackageEntry entry) {
        entries.put(key, entry);
        changed();
    }

    void evict(EntryKey key) {
        entries.evict(key);
        changed();
    }

    /** Every entry currently held. */
    @SuppressWarnings("unchecked")
    List<PackageEntry> all() {
        var nativeCache = (com.github.benmanes.caffeine.cache.Cache<Object, Object>) entries.getNativeCache();
        List<PackageEntry> all = new ArrayList<>();
        nativeCache.asMap().values().forEach(value -> all.add((PackageEntry) value));
        return all;
    }

    /** The backends of a channel, or null when its listing was never read. */
    SortedSet<ComputeBackend> backends(Channel channel) {
        return backends.get(channel);
    }

    Map<Channel, SortedSet<ComputeBackend>> allBackends() {
        return Map.copyOf(backends);
    }

    /** The channel's backends as its listing names them now. */
    void listBackends(Channel channel, SortedSet<ComputeBackend> listed) {
        backends.put(channel, listed);
        changed();
    }

    /** Adds backends to what is known of a channel (loading stored data). */
    void addBackends(Channel channel, SortedSet<ComputeBackend> more) {
        backends.merge(channel, more, (left, right) -> {
            SortedSet<ComputeBackend> union = new TreeSet<>(left);
            union.addAll(right);
            return union;
        });
        changed();
    }

    boolean isComplete(Channel channel) {
        return completeChannels.contains(channel);
    }

    void markComplete(Channel channel) {
        completeChannels.add(channel);
    }

    Set<Channel> completeChannels() {
        return Set.copyOf(completeChannels);
    }

    /** The source of the data a channel holds as a whole (what an entry the index has nothing for reports). */
    CatalogSource sourceOf(Channel channel) {
        return channelSources.getOrDefault(channel, CatalogSource.LIVE);
    }

    void setSource(Channel channel, CatalogSource source) {
        channelSources.put(channel, source);
        changed();
    }

    /** Whether an entry holds data of another index than the configured one (the snapshot of a mirror's service). */
    boolean isFromElsewhere(PackageEntry entry) {
        return entry != null && snapshotFromElsewhere && entry.source() == CatalogSource.SNAPSHOT;
    }

    /** Where the loaded data came from and when it was recorded; then the time of the last live read. */
    void setBase(CatalogSource source, Instant recordedAt) {
        baseSource = source;
        fetchedAt = recordedAt;
        changed();
    }

    void markLive(Instant now) {
        fetchedAt = now;
        changed();
    }

    /** The status of the data as a whole, for what read no entry. */
    CatalogStatus base() {
        return new CatalogStatus(baseSource, fetchedAt, false);
    }

    void recordUnattributed(String page, Channel channel, Map<String, Integer> counts) {
        unattributed.put(page, new UnattributedFiles(channel, Map.copyOf(counts)));
    }

    /** Files the channel's pages listed that belong to no backend, per folder, summed over the pages last read. */
    Map<Channel, Map<String, Integer>> unattributedFiles() {
        Map<Channel, Map<String, Integer>> counts = new EnumMap<>(Channel.class);
        for (UnattributedFiles page : unattributed.values()) {
            page.counts().forEach((group, count) -> counts
                    .computeIfAbsent(page.channel(), unused -> new TreeMap<>())
                    .merge(group, count, Integer::sum));
        }
        return counts;
    }

    long changes() {
        return changes.get();
    }

    void changed() {
        changes.incrementAndGet();
    }

    /**
     * Takes the data a start-up loads (the snapshot or the persisted catalog) whole, for the package set. Files a
     * backend does not own by {@link FileAttribution} (stored data recorded before that rule, e.g. a root file
     * labelled {@code +cpu} on every backend's page) are left out, as a refresh would leave them out.
     */
    void load(CatalogData base, CatalogSource source, Set<String> packages) {
        base.backends().forEach(this::addBackends);
        for (PackageEntry entry : base.entries()) {
            if (packages.contains(entry.packageName())) {
                store(keyOf(entry), FileAttribution.ownFiles(entry));
                addBackends(entry.channel(), new TreeSet<>(Set.of(entry.backend())));
            }
        }
        base.completeChannels().forEach(this::markComplete);
        for (Channel channel : base.backends().keySet()) {
            setSource(channel, source);
        }
        setBase(source, base.recordedAt());
    }

    /**
     * The state as the data directory keeps it: every entry with files of the configured index, the backends of
     * each channel, and the channels held in full. Data of another index (a mirror's snapshot) is never written,
     * and a channel holding some is not written as complete.
     */
    CatalogData toData(Instant now, String indexRoot) {
        List<PackageEntry> kept = new ArrayList<>();
        Set<Channel> incomplete = new HashSet<>();
        for (PackageEntry entry : all()) {
            if (isFromElsewhere(entry)) {
                incomplete.add(entry.channel());
            } else if (!entry.isEmpty()) {
                kept.add(entry);
            }
        }
        Set<Channel> complete = new HashSet<>(completeChannels);
        complete.removeAll(incomplete);
        return new CatalogData(now, indexRoot, allBackends(), kept, complete);
    }

    /** The age of the oldest entry at {@code now}, in seconds (0 when none was ever fetched). */
    long oldestAgeSeconds(Instant now) {
        return all().stream()
                .filter(entry -> entry.fetchedAt() != null)
                .mapToLong(entry -> Duration.between(entry.fetchedAt(), now).toSeconds())
                .max()
                .orElse(0);
    }

    static EntryKey keyOf(PackageEntry entry) {
        return new EntryKey(entry.channel(), entry.backend(), entry.packageName());
    }

    private record UnattributedFiles(Channel channel, Map<String, Integer> counts) {}
}
