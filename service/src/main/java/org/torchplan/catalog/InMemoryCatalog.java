package org.torchplan.catalog;

import org.torchplan.catalog.index.HtmlIndexParser;
import org.torchplan.catalog.index.WheelLinks;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.CompanionPairing;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.storage.CatalogData;
import org.torchplan.catalog.storage.EmbeddedSnapshot;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.packaging.PackageName;

/**
 * An immutable catalog held in memory: the embedded snapshot, a catalog read from disk, or one built from pages
 * in a test. Lookups are map reads; entries are shared, never copied.
 */
public final class InMemoryCatalog implements CatalogView {

    private final String indexRoot;
    private final Set<String> packages;
    private final Map<Channel, SortedSet<ComputeBackend>> backends;
    private final Map<EntryKey, PackageEntry> entries;
    private final CompanionPairing pairing;
    private final CatalogStatus status;

    public InMemoryCatalog(
            String indexRoot,
            Set<String> packages,
            Map<Channel, ? extends SortedSet<ComputeBackend>> backends,
            Collection<PackageEntry> entries,
            CompanionPairing pairing,
            CatalogStatus status) {
        this.indexRoot = indexRoot;
        this.packages = Set.copyOf(packages);
        Map<Channel, SortedSet<ComputeBackend>> backendCopy = new EnumMap<>(Channel.class);
        backends.forEach((channel, set) -> backendCopy.put(channel, Collections.unmodifiableSortedSet(new TreeSet<>(set))));
        Map<EntryKey, PackageEntry> entryMap = new HashMap<>();
        for (PackageEntry entry : entries) {
            entryMap.put(new EntryKey(entry.channel(), entry.backend(), entry.packageName()), entry);
            backendCopy.computeIfAbsent(entry.channel(), unused -> new TreeSet<>());
            if (!backendCopy.get(entry.channel()).contains(entry.backend())) {
                SortedSet<ComputeBackend> widened = new TreeSet<>(backendCopy.get(entry.channel()));
                widened.add(entry.backend());
                backendCopy.put(entry.channel(), Collections.unmodifiableSortedSet(widened));
            }
        }
        this.backends = backendCopy;
        this.entries = Map.copyOf(entryMap);
        this.pairing = pairing;
        this.status = status;
    }

    /** A catalog of stored data (the embedded snapshot or the persisted file) for the given package set. */
    public static InMemoryCatalog of(CatalogData data, Set<String> packages, CompanionPairing pairing) {
        CatalogSource source = data.entries().isEmpty() ? CatalogSource.SNAPSHOT : data.entries().get(0).source();
        return new InMemoryCatalog(data.upstream(), packages, data.backends(), data.entries(), pairing,
                new CatalogStatus(source, data.recordedAt(), false));
    }

    /** The embedded snapshot of the stable channel, with the default package set and the release table. */
    public static InMemoryCatalog embeddedSnapshot() {
        CatalogData data = EmbeddedSnapshot.load();
        Set<String> packages = new TreeSet<>();
        data.entries().forEach(entry -> packages.add(entry.packageName()));
        return of(data, packages, new CompanionPairing());
    }

    /**
     * A catalog of one channel built from simple-index pages, e.g. pages a test serves or recorded ones.
     *
     * @param pages (backend, package) to the page's HTML, read as if served at its per-backend URL
     */
    public static InMemoryCatalog fromPages(
            String indexRoot, Channel channel, Map<EntryKey, String> pages, Instant fetchedAt) {
        Set<String> packages = new TreeSet<>();
        java.util.List<PackageEntry> entries = new java.util.ArrayList<>();
        pages.forEach((key, html) -> {
            WheelLinks.Result wheels = WheelLinks.of(key.packageName(), HtmlIndexParser.parse(key.pageUrl(indexRoot), html));
            packages.add(key.packageName());
            entries.add(PackageEntry.of(channel, key.backend(), key.packageName(), wheels.files(), fetchedAt,
                    CatalogSource.LIVE));
        });
        return new InMemoryCatalog(indexRoot, packages, Map.of(), entries, new CompanionPairing(),
                new CatalogStatus(CatalogSource.LIVE, fetchedAt, false));
    }

    @Override
    public Set<String> packages() {
        return packages;
    }

    @Override
    public SortedSet<ComputeBackend> backends(Channel channel) {
        return backends.getOrDefault(channel, Collections.emptySortedSet());
    }

    @Override
    public PackageEntry entry(Channel channel, ComputeBackend backend, String packageName) {
        String normalized = PackageName.normalize(packageName);
        PackageEntry entry = entries.get(new EntryKey(channel, backend, normalized));
        return entry != null ? entry : PackageEntry.empty(channel, backend, normalized, status.source());
    }

    /** Every entry held, in no particular order. */
    public Collection<PackageEntry> entries() {
        return entries.values();
    }

    @Override
    public CompanionPairing pairing() {
        return pairing;
    }

    @Override
    public CatalogStatus status() {
        return status;
    }

    @Override
    public String indexRoot() {
        return indexRoot;
    }
}
