package org.torchplan.catalog.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.index.UpstreamUnavailableException;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.packaging.PackageName;

/**
 * Hands out the immutable snapshot of a channel a plan reads: built from the live state once per change, loaded
 * first for a channel held in part ({@link OnDemandLoads}), and renewed in the background when expired
 * (stale-while-revalidate: the snapshot is served meanwhile).
 */
final class ChannelSnapshots {

    private final CatalogState state;
    private final CatalogProperties properties;
    private final Set<String> packages;
    private final Clock clock;
    private final PairingHolder pairing;
    private final OnDemandLoads loads;
    private final EntryRefresher entries;
    private final ChannelRefresher channels;
    private final String indexRoot;
    /** The last snapshot built per channel, with the change count it was built at. */
    private final Map<Channel, SnapshotAtChange> snapshots = new ConcurrentHashMap<>();

    ChannelSnapshots(CatalogState state, CatalogProperties properties, Clock clock, PairingHolder pairing,
            OnDemandLoads loads, EntryRefresher entries, ChannelRefresher channels, String indexRoot) {
        this.state = state;
        this.properties = properties;
        this.packages = properties.packageSet();
        this.clock = clock;
        this.pairing = pairing;
        this.loads = loads;
        this.entries = entries;
        this.channels = channels;
        this.indexRoot = indexRoot;
    }

    /**
     * The channel as it stands now, for the planner: immutable, rebuilt only after the catalog changed. Never
     * waits on upstream; see {@link #snapshotFor} for a channel loaded on demand.
     */
    CatalogSnapshot snapshot(Channel channel) {
        long change = state.changes();
        SnapshotAtChange cached = snapshots.get(channel);
        if (cached != null && cached.change() == change) {
            return cached.snapshot();
        }
        List<PackageEntry> ofChannel = new ArrayList<>();
        for (PackageEntry entry : state.all()) {
            if (entry.channel() == channel) {
                ofChannel.add(entry);
            }
        }
        SortedSet<ComputeBackend> known = state.backends(channel);
        CatalogStatus base = state.base();
        CatalogSnapshot built = CatalogSnapshot.of(channel, indexRoot, packages,
                known == null ? Set.of() : known, ofChannel, pairing.current(),
                new CatalogStatus(state.sourceOf(channel), base.fetchedAt(), false));
        snapshots.put(channel, new SnapshotAtChange(change, built));
        return built;
    }

    /**
     * The channel for a plan of the given packages. A channel held in full answers at once. A channel loaded on
     * demand (nightly, test) first learns its backends and loads the entries of those packages, all within
     * {@code budget}; expired entries are renewed in the background either way.
     *
     * @throws UpstreamUnavailableException when the channel cannot be read within the budget, naming the index
     *     and the cause
     */
    CatalogSnapshot snapshotFor(Channel channel, Collection<String> packageNames, Duration budget) {
        Set<String> wanted = wanted(packageNames);
        if (!properties.offline() && !state.isComplete(channel)) {
            loads.load(channel, wanted, budget);
        }
        CatalogSnapshot snapshot = snapshot(channel);
        if (!properties.offline()) {
            renewInBackground(snapshot, wanted);
        }
        return snapshot;
    }

    /** The catalog's packages among the names (normalized), and torch, which every PyTorch plan reads. */
    private Set<String> wanted(Collection<String> packageNames) {
        Set<String> wanted = new TreeSet<>();
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
    private void renewInBackground(CatalogSnapshot snapshot, Set<String> wanted) {
        if (state.isComplete(snapshot.channel())) {
            // one check of the oldest entry: the channel is renewed whole, from its all-backends pages
            Instant oldest = snapshot.status().fetchedAt();
            if (oldest == null || oldest.plus(properties.ttl().of(snapshot.channel())).isBefore(clock.instant())) {
                channels.refreshInBackground(snapshot.channel());
            }
            return;
        }
        for (PackageEntry entry : snapshot.entries()) {
            if (wanted.contains(entry.packageName())) {
                renewIfExpired(CatalogState.keyOf(entry), entry);
            }
        }
    }

    void renewIfExpired(EntryKey key, PackageEntry cached) {
        if (properties.offline() || !entries.isExpired(cached) || channels.isRunning(key.channel())) {
            return; // fresh, or the channel refresh under way covers it
        }
        if (state.isComplete(key.channel())) {
            channels.refreshInBackground(key.channel()); // one page per package renews the whole channel
        } else {
            entries.refreshInBackgroundIfExpired(key, cached);
        }
    }

    private record SnapshotAtChange(long change, CatalogSnapshot snapshot) {}
}
