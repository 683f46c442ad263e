package org.torchplan.catalog.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.torchplan.backend.ComputeBackend;

/**
 * The files of one (channel, backend, package), newest version first. Immutable and parsed once when loaded,
 * so the planner iterates it without allocating.
 *
 * @param packageName the normalized package name
 * @param fetchedAt when these files were fetched from upstream (or recorded, for the snapshot); null when never
 * @param staleReason why the entry is out of date (the last refresh failed or was refused), or null when fresh
 */
public record PackageEntry(
        Channel channel,
        ComputeBackend backend,
        String packageName,
        List<IndexedFile> files,
        Instant fetchedAt,
        CatalogSource source,
        String staleReason) {

    /** Newest version first; for equal versions the file name keeps the order stable. */
    public static final Comparator<IndexedFile> NEWEST_FIRST = Comparator.comparing(IndexedFile::version)
            .reversed()
            .thenComparing(file -> file.filename().toString());

    public PackageEntry {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(source, "source");
        files = List.copyOf(files);
    }

    /** Builds an entry from files in any order, sorting them newest version first. */
    public static PackageEntry of(
            Channel channel,
            ComputeBackend backend,
            String packageName,
            List<IndexedFile> files,
            Instant fetchedAt,
            CatalogSource source) {
        List<IndexedFile> sorted = new ArrayList<>(files);
        sorted.sort(NEWEST_FIRST);
        return new PackageEntry(channel, backend, packageName, sorted, fetchedAt, source, null);
    }

    /** The entry for a (channel, backend, package) the index has nothing for. */
    public static PackageEntry empty(Channel channel, ComputeBackend backend, String packageName, CatalogSource source) {
        return new PackageEntry(channel, backend, packageName, List.of(), null, source, null);
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    public boolean isStale() {
        return staleReason != null;
    }

    /** The same files, marked stale for the given reason. */
    public PackageEntry markedStale(String reason) {
        return new PackageEntry(channel, backend, packageName, files, fetchedAt, source, reason);
    }

    /** The same files, confirmed current at {@code time} (an HTTP 304 answer). */
    public PackageEntry confirmedAt(Instant time) {
        return new PackageEntry(channel, backend, packageName, files, time, CatalogSource.LIVE, null);
    }
}
