package org.torchplan.catalog.live;

import org.torchplan.catalog.index.FileAttribution;
import org.torchplan.catalog.index.UpstreamUnavailableException;
import org.torchplan.catalog.model.CatalogAge;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.IndexProperties;
import org.torchplan.catalog.index.IndexClient;
import org.torchplan.catalog.index.PageReader;
import org.torchplan.catalog.index.UpstreamIndex;
import org.torchplan.catalog.index.Validators;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.CompanionPairing;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.storage.CatalogData;
import org.torchplan.catalog.storage.CatalogPersistence;
import org.torchplan.catalog.storage.CatalogWriter;
import org.torchplan.catalog.storage.EmbeddedSnapshot;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.packaging.PackageName;

/**
 * The live catalog: starts from the embedded snapshot (or the newer persisted catalog), refreshes from upstream
 * in the background, and answers from memory.
 *
 * <p>Entries live in a Spring {@link Cache} backed by Caffeine, one per (channel, backend, package). An expired
 * entry is still served while one background refresh runs (stale-while-revalidate); a missing entry is loaded
 * once however many requests need it at the same time (single flight). A refresh never loses data: see
 * {@link LossGuard}.
 */
@Service
public class CatalogService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

    private final CatalogProperties properties;
    private final Set<String> packages;
    private final Clock clock;
    private final CatalogMetrics metrics;
    private final IndexClient client;
    private final UpstreamIndex upstream;
    private final CatalogPersistence persistence;
    private final PairingHolder pairing;
    private final CompanionMetadataFetcher metadata;
    private final ExecutorService refreshExecutor;
    private final ExecutorService metadataExecutor;
    private final CatalogWriter writer;
    /** Runs whole-channel refreshes, which wait on page fetches running on the refresh executor. */
    private final ExecutorService channelExecutor;
    private final Cache entries;
    private final Map<Channel, SortedSet<ComputeBackend>> backends = new ConcurrentHashMap<>();
    private final Map<EntryKey, Validators> entryValidators = new ConcurrentHashMap<>();
    private final Map<String, Validators> packagePageValidators = new ConcurrentHashMap<>();
    private final Set<EntryKey> refreshing = ConcurrentHashMap.newKeySet();
    private final Map<EntryKey, Instant> lastAttempt = new ConcurrentHashMap<>();
    /** Channels read in full (the snapshot's, or refreshed in full): an entry missing there is empty, not unknown. */
    private final Set<Channel> completeChannels = ConcurrentHashMap.newKeySet();
    /** The channel refresh under way, per channel: a second caller joins it instead of fetching every page again. */
    private final Map<Channel, CompletableFuture<Void>> channelRefreshes = new ConcurrentHashMap<>();
    private final Map<Channel, Instant> lastChannelAttempt = new ConcurrentHashMap<>();
    private final Instant snapshotRecordedAt;
    /**
     * Whether the embedded snapshot was recorded from another index than the configured one (a mirror): then its
     * entries are a start-up default only, replaced by the first answer of the configured index and never
     * persisted, whatever the loss guard would say.
     */
    private final boolean snapshotFromElsewhere;
    /** Where a channel's data came from as a whole: its loaded base, then live once refreshed in full. */
    private final Map<Channel, CatalogSource> channelSources = new ConcurrentHashMap<>();
    /** Files the channel's pages listed that belong to no backend, per page and folder (see FileAttribution). */
    private final Map<String, UnattributedFiles> unattributed = new ConcurrentHashMap<>();
    private volatile CatalogSource source;
    private volatile Instant fetchedAt;
    /** Counts changes of the entries, the source or the fetch time; see {@link #status()}. */
    private final AtomicLong changes = new AtomicLong();
    /** The last snapshot built per channel, with the change count it was built at. */
    private final Map<Channel, SnapshotAtChange> snapshots = new ConcurrentHashMap<>();
    private final OnDemandLoads loads;
    private volatile StatusAtChange status;

    @Autowired
    public CatalogService(CatalogProperties properties, IndexProperties index, MeterRegistry registry) {
        this(properties, index, new CatalogMetrics(registry), EmbeddedSnapshot.load(), Clock.systemUTC());
    }

    public CatalogService(
            CatalogProperties properties, IndexProperties index, CatalogMetrics metrics, CatalogData snapshot,
            Clock clock) {
        this.properties = properties;
        this.packages = properties.packageSet();
        this.clock = clock;
        this.metrics = metrics;
        this.client = new IndexClient(properties.upstream(), metrics);
        this.upstream = new UpstreamIndex(index.root(), new PageReader(client), metrics);
        this.persistence = new CatalogPersistence(properties.dataDir());
        this.refreshExecutor = Executors.newFixedThreadPool(
                Math.max(1, properties.upstream().maxConcurrentRequests()), daemonThreads("catalog-refresh"));
        this.metadataExecutor = Executors.newSingleThreadExecutor(daemonThreads("catalog-metadata"));
        this.writer = new CatalogWriter(persistence, this::currentCatalog,
                Executors.newSingleThreadExecutor(daemonThreads("catalog-persist")));
        this.channelExecutor = Executors.newSingleThreadExecutor(daemonThreads("catalog-channel-refresh"));
        this.loads = new OnDemandLoads(this, refreshExecutor, properties.upstream().retryFailedAfter(), clock);
        this.pairing = new PairingHolder(new CompanionPairing(persistence.readPins()), changes::incrementAndGet);
        this.metadata = new CompanionMetadataFetcher(client, pairing, persistence, metadataExecutor);
        this.entries = new CaffeineCache("catalog-entries", Caffeine.newBuilder().build(), false);
        this.snapshotRecordedAt = snapshot.recordedAt();
        this.snapshotFromElsewhere = !sameIndex(snapshot.upstream(), index.root());
        load(snapshot, index.root());
        metrics.entryAge(this::oldestEntryAgeSeconds);
    }

    /**
     * Starts from the persisted catalog when it is of the configured index and newer than the snapshot, else from
     * the snapshot: one or the other whole, never a mix (a mix once planned wheels neither index had).
     */
    private void load(CatalogData snapshot, String indexRoot) {
        CatalogData base = snapshot;
        CatalogSource baseSource = CatalogSource.SNAPSHOT;
        CatalogData persisted = persistence.readCatalog().orElse(null);
        if (persisted != null && !sameIndex(persisted.upstream(), indexRoot)) {
            log.info("Persisted catalog is of {}, not of {}; starting from the embedded snapshot",
                    persisted.upstream(), indexRoot);
        } else if (persisted != null && persisted.recordedAt().isAfter(snapshot.recordedAt())) {
            base = persisted;
            baseSource = CatalogSource.PERSISTED;
        }
        put(base);
        completeChannels.addAll(base.completeChannels());
        for (Channel channel : base.backends().keySet()) {
            channelSources.put(channel, baseSource);
        }
        source = baseSource;
        fetchedAt = base.recordedAt();
        changes.incrementAndGet();
    }

    private void put(CatalogData data) {
        data.backends().forEach((channel, set) -> backends.merge(channel, set, CatalogService::union));
        for (PackageEntry entry : data.entries()) {
            if (packages.contains(entry.packageName())) {
                store(keyOf(entry), entry);
                backends.merge(entry.channel(), new TreeSet<>(Set.of(entry.backend())), CatalogService::union);
            }
        }
    }

    /** After start-up: refresh the stable channel in the background and read companion metadata. */
    @EventListener(ApplicationReadyEvent.class)
    public void startBackgroundWork() {
        if (properties.offline()) {
            log.info("Catalog is offline: serving the {} catalog of {}", source.id(), fetchedAt);
            return;
        }
        if (properties.refreshOnStart()) {
            refreshChannelInBackground(Channel.STABLE);
        }
    }

    public Set<String> packages() {
        return packages;
    }

    public SortedSet<ComputeBackend> backends(Channel channel) {
        SortedSet<ComputeBackend> known = backends.get(channel);
        if (known != null || properties.offline()) {
            return known == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(known);
        }
        // first use of nightly or test: one listing fetch, shared by concurrent callers
        SortedSet<ComputeBackend> loaded = backends.computeIfAbsent(channel, this::discoverBackends);
        return loaded == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(loaded);
    }

    /** The backends known for a channel, or null when its listing was never read. */
    SortedSet<ComputeBackend> knownBackends(Channel channel) {
        return backends.get(channel);
    }

    /** Whether an entry is held (loaded, or known to be empty). */
    boolean holds(Channel channel, ComputeBackend backend, String packageName) {
        return entries.get(new EntryKey(channel, backend, PackageName.normalize(packageName))) != null;
    }

    /**
     * Reads a channel's backend listing now and keeps it.
     *
     * @throws UpstreamUnavailableException when it cannot be read
     */
    SortedSet<ComputeBackend> discover(Channel channel) {
        SortedSet<ComputeBackend> listed = upstream.backends(channel);
        backends.put(channel, listed);
        changes.incrementAndGet();
        return listed;
    }

    private SortedSet<ComputeBackend> discoverBackends(Channel channel) {
        try {
            return upstream.backends(channel);
        } catch (UpstreamUnavailableException unavailable) {
            log.warn("Backends of the {} channel unknown: {}", channel, unavailable.getMessage());
            return null; // not cached: the next use tries again
        }
    }

    public PackageEntry entry(Channel channel, ComputeBackend backend, String packageName) {
        String name = PackageName.normalize(packageName);
        if (!packages.contains(name)) {
            return PackageEntry.empty(channel, backend, name, sourceOf(channel));
        }
        EntryKey key = new EntryKey(channel, backend, name);
        PackageEntry cached = entries.get(key, PackageEntry.class);
        if (cached != null) {
            refreshInBackgroundIfExpired(key, cached);
            return cached;
        }
        if (properties.offline() || completeChannels.contains(channel) || !backends(channel).contains(backend)) {
            return PackageEntry.empty(channel, backend, name, sourceOf(channel));
        }
        PackageEntry loaded = entries.get(key, () -> loadMissing(key));
        changes.incrementAndGet();
        writer.writeSoon();
        return loaded;
    }

    private PackageEntry loadMissing(EntryKey key) {
        lastAttempt.put(key, clock.instant());
        return resolved(key, null, upstream.entry(key, Validators.NONE));
    }

    /** The source of the data a channel holds as a whole (what an entry the index has nothing for reports). */
    private CatalogSource sourceOf(Channel channel) {
        return channelSources.getOrDefault(channel, CatalogSource.LIVE);
    }

    /** Whether an entry holds data of another index than the configured one (the snapshot of a mirror's service). */
    private boolean isFromElsewhere(PackageEntry entry) {
        return entry != null && snapshotFromElsewhere && entry.source() == CatalogSource.SNAPSHOT;
    }

    private void refreshInBackgroundIfExpired(EntryKey key, PackageEntry cached) {
        if (properties.offline() || !isExpired(cached) || channelRefreshes.containsKey(key.channel())) {
            return; // fresh, or the channel refresh under way covers it
        }
        if (completeChannels.contains(key.channel())) {
            // one all-backends page per package renews every entry of the channel: far fewer requests
            refreshChannelInBackground(key.channel());
            return;
        }
        Instant attempted = lastAttempt.get(key);
        if (attempted != null && attempted.plus(properties.upstream().retryFailedAfter()).isAfter(clock.instant())) {
            return;
        }
        if (refreshing.add(key)) {
            try {
                refreshExecutor.execute(() -> {
                    try {
                        refreshEntry(key);
                    } finally {
                        refreshing.remove(key);
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                refreshing.remove(key);
            }
        }
    }

    /**
     * Starts one background refresh of a whole channel unless one runs or one was attempted recently: not more
     * often than a twelfth of the channel's time-to-live, so an entry that stays stale (its page keeps failing)
     * does not turn into a refresh loop.
     */
    private void refreshChannelInBackground(Channel channel) {
        Duration ttl = properties.ttl().of(channel);
        Duration spacing = ttl.dividedBy(12).compareTo(properties.upstream().retryFailedAfter()) > 0
                ? ttl.dividedBy(12)
                : properties.upstream().retryFailedAfter();
        Instant attempted = lastChannelAttempt.get(channel);
        if (attempted != null && attempted.plus(spacing).isAfter(clock.instant())) {
            return;
        }
        startChannelRefresh(channel);
    }

    private boolean isExpired(PackageEntry entry) {
        Duration ttl = properties.ttl().of(entry.channel());
        return entry.fetchedAt() == null || entry.fetchedAt().plus(ttl).isBefore(clock.instant());
    }

    /** Refreshes one entry from its per-backend page now, on the calling thread. */
    public PackageEntry refreshEntry(EntryKey key) {
        lastAttempt.put(key, clock.instant());
        PackageEntry previous = entries.get(key, PackageEntry.class);
        UpstreamIndex.Result<List<IndexedFile>> result =
                upstream.entry(key, entryValidators.getOrDefault(key, Validators.NONE));
        if (result instanceof UpstreamIndex.Result.Read<List<IndexedFile>> read) {
            unattributed.put(key.toString(), new UnattributedFiles(key.channel(), read.unattributed()));
        }
        PackageEntry updated = resolved(key, previous, result);
        store(key, updated);
        writer.writeSoon();
        return updated;
    }

    /** The entry that results from an upstream answer, given the copy it would replace. */
    private PackageEntry resolved(EntryKey key, PackageEntry previous, UpstreamIndex.Result<List<IndexedFile>> result) {
        Instant now = clock.instant();
        EntryResolution.Outcome outcome = EntryResolution.resolve(key, previous, isFromElsewhere(previous), result,
                now, properties.minRatio(), sourceOf(key.channel()));
        if (outcome.refused()) {
            metrics.refused();
        }
        if (outcome.live()) {
            if (result instanceof UpstreamIndex.Result.Read<List<IndexedFile>> read && !read.validators().isEmpty()) {
                entryValidators.put(key, read.validators());
            }
            markLive(now);
            considerMetadata(outcome.entry());
        }
        return outcome.entry();
    }

    /**
     * Refreshes every entry of a channel now, one all-backends page per package, on the refresh threads; then
     * persists the catalog. Returns when done.
     */
    public void refreshChannel(Channel channel) {
        if (properties.offline()) {
            return;
        }
        try {
            startChannelRefresh(channel).join();
        } catch (java.util.concurrent.CompletionException failed) {
            log.warn("Refresh of the {} channel failed", channel, failed.getCause());
        }
    }

    /**
     * Starts a refresh of the whole channel on the channel thread, or joins the one under way: overlapping
     * refreshes (the background one and an admin's) make one set of upstream requests.
     */
    private CompletableFuture<Void> startChannelRefresh(Channel channel) {
        CompletableFuture<Void> started = channelRefreshes.computeIfAbsent(channel, unused -> {
            CompletableFuture<Void> refresh = new CompletableFuture<>();
            try {
                channelExecutor.execute(() -> {
                    lastChannelAttempt.put(channel, clock.instant());
                    RuntimeException failed = null;
                    try {
                        refreshAllPackages(channel);
                    } catch (RuntimeException failure) {
                        failed = failure;
                    } finally {
                        // gone before anyone is told it ended, so that a later refresh starts anew
                        channelRefreshes.remove(channel, refresh);
                    }
                    if (failed == null) {
                        refresh.complete(null);
                    } else {
                        refresh.completeExceptionally(failed);
                    }
                });
            } catch (RejectedExecutionException shuttingDown) {
                refresh.complete(null);
                return null;
            }
            return refresh;
        });
        return started != null ? started : CompletableFuture.completedFuture(null);
    }

    private void refreshAllPackages(Channel channel) {
        boolean listingRead = false;
        try {
            SortedSet<ComputeBackend> listed = upstream.backends(channel);
            if (!listed.isEmpty()) {
                backends.put(channel, listed);
                listingRead = true;
            }
        } catch (UpstreamUnavailableException unavailable) {
            log.warn("Refresh of the {} channel: backend listing unavailable ({}); refreshing known backends",
                    channel, unavailable.getMessage());
        }
        List<Future<Boolean>> tasks = new ArrayList<>();
        for (String name : packages) {
            tasks.add(refreshExecutor.submit(() -> refreshPackage(channel, name)));
        }
        boolean everyPageRead = listingRead;
        for (Future<Boolean> task : tasks) {
            try {
                everyPageRead &= task.get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException failed) {
                everyPageRead = false;
                log.warn("Refresh of a {} package failed", channel, failed.getCause());
            }
        }
        if (listingRead) {
            dropEntriesFromElsewhere(channel);
        }
        completeChannels.add(channel);
        if (everyPageRead) {
            channelSources.put(channel, CatalogSource.LIVE);
            changes.incrementAndGet();
        }
        writer.writeIfChanged();
    }

    /**
     * After the configured index listed a channel's backends: entries another index's snapshot held for backends
     * this index does not list have no page a plan could point pip at, so they go.
     */
    private void dropEntriesFromElsewhere(Channel channel) {
        for (PackageEntry entry : allEntries()) {
            if (entry.channel() == channel && isFromElsewhere(entry)) {
                entries.evict(keyOf(entry));
                changes.incrementAndGet();
            }
        }
    }

    /** Refreshes one package of a channel from its all-backends page; returns whether that page was read. */
    private boolean refreshPackage(Channel channel, String name) {
        String pageKey = channel.id() + "/" + name;
        UpstreamIndex.Result<Map<ComputeBackend, List<IndexedFile>>> result =
                upstream.allBackends(channel, name, packagePageValidators.getOrDefault(pageKey, Validators.NONE));
        SortedSet<ComputeBackend> channelBackends = backends.getOrDefault(channel, new TreeSet<>());
        if (result instanceof UpstreamIndex.Result.Read<Map<ComputeBackend, List<IndexedFile>>> read) {
            if (!read.validators().isEmpty()) {
                packagePageValidators.put(pageKey, read.validators());
            }
            unattributed.put(pageKey, new UnattributedFiles(channel, read.unattributed()));
            Set<ComputeBackend> affected = new TreeSet<>(read.files().keySet());
            affected.addAll(channelBackends);
            for (ComputeBackend backend : affected) {
                EntryKey key = new EntryKey(channel, backend, name);
                PackageEntry previous = entries.get(key, PackageEntry.class);
                List<IndexedFile> files = read.files().getOrDefault(backend, List.of());
                if (files.isEmpty() && previous == null) {
                    continue;
                }
                store(key, resolved(key, previous, new UpstreamIndex.Result.Read<>(files, read.skipped(),
                        Validators.NONE, Map.of())));
            }
            return true;
        }
        if (result instanceof UpstreamIndex.Result.NotModified) {
            Instant now = clock.instant();
            for (ComputeBackend backend : channelBackends) {
                EntryKey key = new EntryKey(channel, backend, name);
                PackageEntry previous = entries.get(key, PackageEntry.class);
                if (previous != null && !isFromElsewhere(previous)) {
                    store(key, previous.confirmedAt(now));
                }
            }
            return true;
        }
        if (result instanceof UpstreamIndex.Result.Missing) {
            // a mirror without all-backends pages: fall back to the per-backend pages of the backends we know
            for (ComputeBackend backend : channelBackends) {
                EntryKey key = new EntryKey(channel, backend, name);
                if (entries.get(key, PackageEntry.class) != null) {
                    refreshEntry(key);
                }
            }
            return true;
        }
        String reason = ((UpstreamIndex.Result.Failed<?>) result).reason();
        for (ComputeBackend backend : channelBackends) {
            EntryKey key = new EntryKey(channel, backend, name);
            PackageEntry previous = entries.get(key, PackageEntry.class);
            if (previous != null) {
                store(key, previous.markedStale(reason));
            }
        }
        metrics.refused();
        return false;
    }

    private void markLive(Instant now) {
        fetchedAt = now;
        changes.incrementAndGet();
        writer.changed(); // written once the entry is in the cache: writeSoon() or the end of a channel refresh
    }

    private void considerMetadata(PackageEntry entry) {
        if (properties.companionMetadata() && !properties.offline() && entry.channel() != Channel.NIGHTLY) {
            metadata.consider(entry);
        }
    }

    /**
     * The catalog as the data directory keeps it: every entry with files of the configured index, the backends of
     * each channel, and the channels held in full. Data of another index (a mirror's snapshot) is never written.
     */
    private CatalogData currentCatalog() {
        List<PackageEntry> all = new ArrayList<>();
        Set<Channel> incomplete = new java.util.HashSet<>();
        for (PackageEntry entry : allEntries()) {
            if (isFromElsewhere(entry)) {
                incomplete.add(entry.channel());
            } else if (!entry.isEmpty()) {
                all.add(entry);
            }
        }
        Set<Channel> complete = new java.util.HashSet<>(completeChannels);
        complete.removeAll(incomplete);
        return new CatalogData(clock.instant(), upstream.indexRoot(), Map.copyOf(backends), all, complete);
    }

    /** Files the channel's pages listed that belong to no backend, per folder, summed over the pages last read. */
    public Map<Channel, Map<String, Integer>> unattributedFiles() {
        Map<Channel, Map<String, Integer>> counts = new java.util.EnumMap<>(Channel.class);
        for (UnattributedFiles page : unattributed.values()) {
            page.counts().forEach((group, count) -> counts
                    .computeIfAbsent(page.channel(), unused -> new java.util.TreeMap<>())
                    .merge(group, count, Integer::sum));
        }
        return counts;
    }

    /** The same for one channel. */
    public Map<String, Integer> unattributedFilesOf(Channel channel) {
        return unattributedFiles().getOrDefault(channel, Map.of());
    }

    private record UnattributedFiles(Channel channel, Map<String, Integer> counts) {}

    /** Every entry currently held. */
    @SuppressWarnings("unchecked")
    public List<PackageEntry> allEntries() {
        var nativeCache = (com.github.benmanes.caffeine.cache.Cache<Object, Object>) entries.getNativeCache();
        List<PackageEntry> all = new ArrayList<>();
        nativeCache.asMap().values().forEach(value -> all.add((PackageEntry) value));
        return all;
    }

    private Number oldestEntryAgeSeconds() {
        Instant now = clock.instant();
        return allEntries().stream()
                .filter(entry -> entry.fetchedAt() != null)
                .mapToLong(entry -> Duration.between(entry.fetchedAt(), now).toSeconds())
                .max()
                .orElse(0);
    }

    /**
     * The channel as it stands now, for the planner: immutable, rebuilt only after the catalog changed. Never
     * waits on upstream; see {@link #snapshotFor} for a channel loaded on demand.
     */
    public CatalogSnapshot snapshot(Channel channel) {
        long change = changes.get();
        SnapshotAtChange cached = snapshots.get(channel);
        if (cached != null && cached.change() == change) {
            return cached.snapshot();
        }
        List<PackageEntry> ofChannel = new ArrayList<>();
        for (PackageEntry entry : allEntries()) {
            if (entry.channel() == channel) {
                ofChannel.add(entry);
            }
        }
        CatalogSnapshot built = CatalogSnapshot.of(channel, indexRoot(), packages,
                backends.getOrDefault(channel, Collections.emptySortedSet()), ofChannel, pairing.current(),
                new CatalogStatus(sourceOf(channel), fetchedAt, false));
        snapshots.put(channel, new SnapshotAtChange(change, built));
        return built;
    }

    /**
     * The channel for a plan of the given PyTorch packages. A channel held in full answers at once. A channel
     * loaded on demand (nightly, test) first learns its backends and loads the entries of those packages, all
     * within {@code budget}; expired entries are renewed in the background either way.
     *
     * @throws UpstreamUnavailableException when the channel cannot be read within the budget, naming the index
     *     and the cause
     */
    public CatalogSnapshot snapshotFor(Channel channel, Collection<String> packageNames, Duration budget) {
        if (!properties.offline() && !completeChannels.contains(channel)) {
            loads.load(channel, wanted(packageNames), budget);
        }
        CatalogSnapshot snapshot = snapshot(channel);
        renewInBackground(snapshot, packageNames);
        return snapshot;
    }

    /** The catalog's packages among the names (normalized), and torch, which every PyTorch plan reads. */
    private Set<String> wanted(Collection<String> packageNames) {
        Set<String> wanted = new java.util.TreeSet<>();
        wanted.add("torch");
        for (String name : packageNames) {
            String normalized = PackageName.normalize(name);
            if (packages.contains(normalized)) {
                wanted.add(normalized);
            }
        }
        return wanted;
    }

    /** Stale-while-revalidate: the snapshot is served, and what it holds of these packages is renewed if expired. */
    private void renewInBackground(CatalogSnapshot snapshot, Collection<String> packageNames) {
        if (properties.offline()) {
            return;
        }
        if (completeChannels.contains(snapshot.channel())) {
            // one check of the oldest entry: the channel is renewed whole, from its all-backends pages
            Instant oldest = snapshot.status().fetchedAt();
            if (oldest == null || oldest.plus(properties.ttl().of(snapshot.channel())).isBefore(clock.instant())) {
                refreshChannelInBackground(snapshot.channel());
            }
            return;
        }
        Set<String> wanted = wanted(packageNames);
        for (PackageEntry entry : snapshot.entries()) {
            if (wanted.contains(entry.packageName())) {
                refreshInBackgroundIfExpired(keyOf(entry), entry);
            }
        }
    }

    private record SnapshotAtChange(long change, CatalogSnapshot snapshot) {}

    /** The companion pairing as it stands now. */
    public CompanionPairing pairing() {
        return pairing.current();
    }

    /**
     * Every plan reports the catalog's status, so it is computed once per change of the catalog, not per plan:
     * the cached value carries the change count it was computed at and is used while that count holds.
     */
    public CatalogStatus status() {
        StatusAtChange cached = status;
        long current = changes.get();
        if (cached != null && cached.change() == current) {
            return cached.status();
        }
        CatalogStatus computed = CatalogStatus.of(allEntries(), new CatalogStatus(source, fetchedAt, false));
        status = new StatusAtChange(current, computed);
        return computed;
    }

    /**
     * The status now, for operators: {@link #status()}, and stale as well when the data is older than the stable
     * channel's maximum age.
     */
    public CatalogStatus statusNow() {
        return status().at(clock.instant(), properties.maxAge().stable());
    }

    /** The warning for data older than the stable channel's maximum age, if it is. */
    public java.util.Optional<String> ageWarning() {
        return CatalogAge.warning(status(), Channel.STABLE, properties.maxAge().stable(), clock.instant());
    }

    /** Stores an entry; every change of the catalog goes through here so that {@link #status()} sees it. */
    private void store(EntryKey key, PackageEntry entry) {
        entries.put(key, entry);
        changes.incrementAndGet();
    }

    private record StatusAtChange(long change, CatalogStatus status) {}

    public String indexRoot() {
        return upstream.indexRoot();
    }

    /** When the embedded snapshot was recorded. */
    public Instant snapshotRecordedAt() {
        return snapshotRecordedAt;
    }

    @Override
    public void destroy() throws InterruptedException {
        channelExecutor.shutdownNow();
        refreshExecutor.shutdownNow();
        metadataExecutor.shutdownNow();
        writer.close(); // a pending write of the last good catalog completes
        if (metadataExecutor.awaitTermination(5, TimeUnit.SECONDS) && !pairing.pins().isEmpty()) {
            persistence.writePins(pairing.pins()); // the interrupted fetcher may not have written its last pins
        }
        client.close();
    }

    /** Index roots compare without a trailing slash: {@code .../whl} and {@code .../whl/} are one index. */
    private static boolean sameIndex(String left, String right) {
        return withoutTrailingSlash(left).equals(withoutTrailingSlash(right));
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static EntryKey keyOf(PackageEntry entry) {
        return new EntryKey(entry.channel(), entry.backend(), entry.packageName());
    }

    private static SortedSet<ComputeBackend> union(SortedSet<ComputeBackend> left, SortedSet<ComputeBackend> right) {
        SortedSet<ComputeBackend> union = new TreeSet<>(left);
        union.addAll(right);
        return union;
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
