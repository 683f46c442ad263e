package org.torchplan.catalog.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cache.Cache;
import org.springframework.context.event.EventListener;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.index.AllowedOrigins;
import org.torchplan.catalog.index.IndexClient;
import org.torchplan.catalog.index.UpstreamIndex;
import org.torchplan.catalog.index.UpstreamUnavailableException;
import org.torchplan.catalog.model.CatalogAge;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.CompanionPairing;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.storage.CatalogData;
import org.torchplan.catalog.storage.CatalogPersistence;
import org.torchplan.catalog.storage.CatalogWriter;
import org.torchplan.packaging.PackageName;

/**
 * The live catalog: starts from the embedded snapshot or the newer persisted catalog, refreshes from upstream in
 * the background ({@link ChannelRefresher}, {@link EntryRefresher}), and hands the planner immutable snapshots of a
 * channel ({@link #snapshot}, {@link #snapshotFor}). A refresh never loses data of the configured index: see
 * {@link LossGuard}. Wired by {@code CatalogConfiguration}; {@link #standalone} builds one for tools and tests.
 */
public class CatalogService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

    private final CatalogProperties properties;
    private final Set<String> packages;
    private final Clock clock;
    private final IndexClient client;
    private final UpstreamIndex upstream;
    private final CatalogPersistence persistence;
    private final CatalogExecutors executors;
    private final CatalogState state;
    private final PairingHolder pairing;
    private final CatalogWriter writer;
    private final EntryRefresher entries;
    private final ChannelRefresher channels;
    private final OnDemandLoads loads;
    private final Instant snapshotRecordedAt;
    private final ChannelSnapshots snapshots;
    private volatile StatusAtChange status;

    /**
     * @param entryCache the {@code catalog-entries} cache of the service's {@code CacheManager}
     * @param snapshot the embedded snapshot, the start-up default
     */
    public CatalogService(CatalogProperties properties, IndexClient client, UpstreamIndex upstream,
            CatalogPersistence persistence, CatalogMetrics metrics, Cache entryCache, CatalogExecutors executors,
            CatalogData snapshot, Clock clock) {
        this.properties = properties;
        this.packages = properties.packageSet();
        this.clock = clock;
        this.client = client;
        this.upstream = upstream;
        this.persistence = persistence;
        this.executors = executors;
        this.state = new CatalogState(entryCache, !sameIndex(snapshot.upstream(), upstream.indexRoot()));
        persistence.removeStaleTemporaryFiles();
        this.pairing = new PairingHolder(persistence.readPins(), state::changed);
        this.writer = new CatalogWriter(persistence, this::currentCatalog, executors.persistence());
        CompanionMetadataFetcher metadata =
                new CompanionMetadataFetcher(client, pairing, persistence, metrics, executors.metadata());
        this.entries = new EntryRefresher(state, upstream, properties, clock, metrics, writer, metadata,
                executors.pages());
        this.channels = new ChannelRefresher(state, upstream, entries, properties, clock, metrics, writer, executors);
        this.loads = new OnDemandLoads(this, executors.pages(), properties.upstream().retryFailedAfter(), clock);
        this.snapshots = new ChannelSnapshots(state, properties, clock, pairing, loads, entries, channels,
                upstream.indexRoot());
        this.snapshotRecordedAt = snapshot.recordedAt();
        load(snapshot);
        metrics.entryAge(this::oldestEntryAgeSeconds);
    }

    /**
     * A catalog with its own HTTP client, executors and cache, outside Spring (tools, tests, benchmarks); it takes
     * files from the index's origin and the PyTorch download hosts.
     */
    public static CatalogService standalone(CatalogProperties properties, String indexRoot, CatalogMetrics metrics,
            CatalogData snapshot, Clock clock) {
        AllowedOrigins origins = AllowedOrigins.forIndex(indexRoot);
        IndexClient client = new IndexClient(properties.upstream(), metrics, origins);
        return new CatalogService(properties, client,
                new UpstreamIndex(indexRoot, new org.torchplan.catalog.index.PageReader(client), metrics, origins),
                new CatalogPersistence(properties.dataDir()), metrics, CatalogCaches.entries(),
                new CatalogExecutors(properties.upstream().maxConcurrentRequests()), snapshot, clock);
    }

    /**
     * Starts from the persisted catalog when it is of the configured index and newer than the snapshot, else from
     * the snapshot: one or the other whole, never a mix (a mix once planned wheels neither index had).
     */
    private void load(CatalogData snapshot) {
        CatalogData base = snapshot;
        CatalogSource baseSource = CatalogSource.SNAPSHOT;
        CatalogData persisted = persistence.readCatalog().orElse(null);
        if (persisted != null && !sameIndex(persisted.upstream(), indexRoot())) {
            log.info("Ignoring persisted catalog {}: it is of {}, not of {}; starting from the embedded snapshot",
                    persistence.catalogFile(), persisted.upstream(), indexRoot());
        } else if (persisted != null && persisted.recordedAt().isAfter(snapshot.recordedAt())) {
            base = persisted;
            baseSource = CatalogSource.PERSISTED;
        } else if (persisted != null) {
            log.info("Ignoring persisted catalog {}: recorded at {}, {} the embedded snapshot ({}); starting from "
                    + "the embedded snapshot", persistence.catalogFile(), persisted.recordedAt(),
                    persisted.recordedAt().isBefore(snapshot.recordedAt()) ? "older than" : "as old as",
                    snapshot.recordedAt());
        }
        state.load(base, baseSource, packages);
    }

    /** After start-up: refresh the stable channel in the background. */
    @EventListener(ApplicationReadyEvent.class)
    public void startBackgroundWork() {
        if (properties.offline()) {
            log.info("Catalog is offline: serving the {} catalog of {}", state.base().source().id(),
                    state.base().fetchedAt());
            return;
        }
        if (properties.refreshOnStart()) {
            channels.refreshInBackground(Channel.STABLE);
        }
    }

    public Set<String> packages() {
        return packages;
    }

    /** The backends of a channel; the first use of a channel held in part reads its listing (blocking). */
    public SortedSet<ComputeBackend> backends(Channel channel) {
        SortedSet<ComputeBackend> known = state.backends(channel);
        if (known != null || properties.offline()) {
            return known == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(known);
        }
        try {
            return Collections.unmodifiableSortedSet(loads.discoverWaiting(channel));
        } catch (UpstreamUnavailableException unavailable) {
            log.warn("Backends of the {} channel unknown: {}", channel, unavailable.getMessage());
            return Collections.emptySortedSet(); // not kept: the next use tries again
        }
    }

    /** The backends known for a channel, or null when its listing was never read. */
    SortedSet<ComputeBackend> knownBackends(Channel channel) {
        return state.backends(channel);
    }

    /** Whether an entry is held (loaded, or known to be empty). */
    boolean holds(Channel channel, ComputeBackend backend, String packageName) {
        return state.get(new EntryKey(channel, backend, PackageName.normalize(packageName))) != null;
    }

    /**
     * Reads a channel's backend listing now and keeps it.
     *
     * @throws UpstreamUnavailableException when it cannot be read
     */
    SortedSet<ComputeBackend> discover(Channel channel) {
        SortedSet<ComputeBackend> listed = upstream.backends(channel);
        state.listBackends(channel, listed);
        return listed;
    }

    /**
     * One entry; an entry of a channel held in part is read from upstream the first time (blocking). Plans read
     * snapshots instead ({@link #snapshotFor}).
     */
    public PackageEntry entry(Channel channel, ComputeBackend backend, String packageName) {
        String name = PackageName.normalize(packageName);
        if (!packages.contains(name)) {
            return PackageEntry.empty(channel, backend, name, state.sourceOf(channel));
        }
        EntryKey key = new EntryKey(channel, backend, name);
        PackageEntry cached = state.get(key);
        if (cached != null) {
            snapshots.renewIfExpired(key, cached);
            return cached;
        }
        if (properties.offline() || state.isComplete(channel) || !backends(channel).contains(backend)) {
            return PackageEntry.empty(channel, backend, name, state.sourceOf(channel));
        }
        return entries.load(key);
    }

    /** Refreshes one entry from its per-backend page now, on the calling thread. */
    public PackageEntry refreshEntry(EntryKey key) {
        return entries.refresh(key);
    }

    /** Refreshes every entry of a channel now (or waits for the refresh under way), then persists the catalog. */
    public void refreshChannel(Channel channel) {
        refreshChannel(channel, false);
    }

    /**
     * The same; with {@code acceptShrink} (an operator's explicit request) pages listing far fewer wheels than
     * the copy they replace are taken now instead of refused (see {@link LossGuard}).
     */
    public void refreshChannel(Channel channel, boolean acceptShrink) {
        if (!properties.offline()) {
            channels.refresh(channel, acceptShrink);
        }
    }

    /**
     * The channel as it stands now, for the planner: immutable, rebuilt only after the catalog changed. Never
     * waits on upstream; see {@link #snapshotFor} for a channel loaded on demand.
     */
    public CatalogSnapshot snapshot(Channel channel) {
        return snapshots.snapshot(channel);
    }

    /**
     * The channel for a plan of the given packages. A channel held in full answers at once. A channel loaded on
     * demand (nightly, test) first learns its backends and loads the entries of those packages, all within
     * {@code budget}; expired entries are renewed in the background either way.
     *
     * @throws UpstreamUnavailableException when the channel cannot be read within the budget, naming the index
     *     and the cause
     */
    public CatalogSnapshot snapshotFor(Channel channel, Collection<String> packageNames, Duration budget) {
        return snapshots.snapshotFor(channel, packageNames, budget);
    }

    /** The companion pairing as it stands now. */
    public CompanionPairing pairing() {
        return pairing.current();
    }

    /**
     * The status of every entry held: the weakest source, the oldest fetch, stale when any is. Computed once per
     * change of the catalog, not per request.
     */
    public CatalogStatus status() {
        StatusAtChange cached = status;
        long current = state.changes();
        if (cached != null && cached.change() == current) {
            return cached.status();
        }
        CatalogStatus computed = CatalogStatus.of(state.all(), state.base());
        status = new StatusAtChange(current, computed);
        return computed;
    }

    /** The status now, for operators: stale as well when older than the stable channel's maximum age. */
    public CatalogStatus statusNow() {
        return status().at(clock.instant(), properties.maxAge().stable());
    }

    /** The warning for data older than the stable channel's maximum age, if it is. */
    public Optional<String> ageWarning() {
        return CatalogAge.warning(status(), Channel.STABLE, properties.maxAge().stable(), clock.instant());
    }

    /** Files the channel's pages listed that belong to no backend, per folder, summed over the pages last read. */
    public Map<Channel, Map<String, Integer>> unattributedFiles() {
        return state.unattributedFiles();
    }

    /** The same for one channel. */
    public Map<String, Integer> unattributedFilesOf(Channel channel) {
        return unattributedFiles().getOrDefault(channel, Map.of());
    }

    /** Every entry currently held. */
    public List<PackageEntry> allEntries() {
        return state.all();
    }

    public String indexRoot() {
        return upstream.indexRoot();
    }

    /** When the embedded snapshot was recorded. */
    public Instant snapshotRecordedAt() {
        return snapshotRecordedAt;
    }

    /** The catalog as the data directory keeps it: data of the configured index only. */
    private CatalogData currentCatalog() {
        return state.toData(clock.instant(), indexRoot());
    }

    private Number oldestEntryAgeSeconds() {
        return state.oldestAgeSeconds(clock.instant());
    }

    @Override
    public void destroy() throws InterruptedException {
        boolean metadataStopped = executors.stopFetching();
        writer.close(); // a pending write of the last good catalog completes
        if (metadataStopped && !pairing.isEmpty()) {
            persistence.writePins(pairing.stored()); // the interrupted fetcher may not have written its last pins
        }
        executors.close();
        client.close();
    }

    /** Index roots compare without a trailing slash: {@code .../whl} and {@code .../whl/} are one index. */
    private static boolean sameIndex(String left, String right) {
        return withoutTrailingSlash(left).equals(withoutTrailingSlash(right));
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private record StatusAtChange(long change, CatalogStatus status) {}
}
