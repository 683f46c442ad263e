package org.torchplan.catalog.model;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.packaging.PackageName;

/**
 * One channel of the catalog as it stood at one moment: what the planner reads. Immutable; nothing in it can
 * block, fetch or change while a plan is computed. The live catalog hands out a new snapshot after each change.
 */
public final class CatalogSnapshot {

    /** Versions are handed out in order of construction: no two snapshots of this process share one. */
    private static final AtomicLong VERSIONS = new AtomicLong();

    private final long version;
    private final Channel channel;
    private final String indexRoot;
    private final Set<String> packages;
    private final SortedSet<ComputeBackend> backends;
    private final Map<EntryKey, PackageEntry> entries;
    private final CompanionPairing pairing;
    private final CatalogStatus base;
    private final CatalogStatus status;

    private CatalogSnapshot(
            Channel channel,
            String indexRoot,
            Set<String> packages,
            SortedSet<ComputeBackend> backends,
            Map<EntryKey, PackageEntry> entries,
            CompanionPairing pairing,
            CatalogStatus base) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.indexRoot = Objects.requireNonNull(indexRoot, "indexRoot");
        this.packages = Set.copyOf(packages);
        this.backends = backends;
        this.entries = entries;
        this.pairing = Objects.requireNonNull(pairing, "pairing");
        this.base = Objects.requireNonNull(base, "base");
        this.status = CatalogStatus.of(entries.values(), base);
        this.version = VERSIONS.incrementAndGet();
    }

    /**
     * @param backends the channel's backends; widened by the backends of {@code entries}
     * @param entries the entries of this channel (entries of other channels are ignored)
     * @param base what the channel's data as a whole came from: the source reported for an entry the index has
     *     nothing for, and the status of a plan that read no entry
     */
    public static CatalogSnapshot of(
            Channel channel,
            String indexRoot,
            Set<String> packages,
            Collection<ComputeBackend> backends,
            Collection<PackageEntry> entries,
            CompanionPairing pairing,
            CatalogStatus base) {
        SortedSet<ComputeBackend> allBackends = new TreeSet<>(backends);
        Map<EntryKey, PackageEntry> byKey = new HashMap<>(entries.size() * 2);
        for (PackageEntry entry : entries) {
            if (entry.channel() == channel) {
                byKey.put(new EntryKey(channel, entry.backend(), entry.packageName()), entry);
                allBackends.add(entry.backend());
            }
        }
        return new CatalogSnapshot(channel, indexRoot, packages, Collections.unmodifiableSortedSet(allBackends),
                Collections.unmodifiableMap(byKey), pairing, base);
    }

    public Channel channel() {
        return channel;
    }

    /**
     * Which snapshot this is, unique within the process. The live catalog builds a new snapshot after every change
     * and hands out the same one until then, so an answer computed from one version holds for as long as the
     * version is current: what lets {@code /plan} memoize its answers.
     */
    public long version() {
        return version;
    }

    /** The index root the URLs come from, e.g. {@code https://download.pytorch.org/whl}. */
    public String indexRoot() {
        return indexRoot;
    }

    /** The PyTorch package set, normalized names. */
    public Set<String> packages() {
        return packages;
    }

    /** The backends the channel offers. */
    public SortedSet<ComputeBackend> backends() {
        return backends;
    }

    /** The files of one (backend, package); an empty entry when the index has none. */
    public PackageEntry entry(ComputeBackend backend, String packageName) {
        String normalized = PackageName.normalize(packageName);
        PackageEntry entry = entries.get(new EntryKey(channel, backend, normalized));
        return entry != null ? entry : PackageEntry.empty(channel, backend, normalized, base.source());
    }

    /** Every entry held, in no particular order. */
    public Collection<PackageEntry> entries() {
        return entries.values();
    }

    /** Which companion (torchvision, torchaudio, ...) versions go with which torch. */
    public CompanionPairing pairing() {
        return pairing;
    }

    /** The status of every entry held: the weakest source, the oldest fetch, stale when any is. */
    public CatalogStatus status() {
        return status;
    }

    /** The status of the channel's data as a whole, for a plan that read no entry. */
    public CatalogStatus base() {
        return base;
    }
}
