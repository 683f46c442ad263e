package org.torchplan.pypi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.IndexedFile;

/**
 * One project as PyPI last listed it.
 *
 * @param name the PEP 503 normalized name
 * @param files the wheels its page lists (yanked ones included), page order
 * @param missing whether the index answered that there is no such project (404/410)
 * @param fetchedAt when the page was last read or confirmed (304)
 * @param source where this copy came from: read by this run (live) or from the data directory (persisted)
 * @param staleReason why this copy may be out of date (a refresh failed or was refused), or null
 */
public record PypiProject(String name, List<IndexedFile> files, boolean missing, Instant fetchedAt,
        CatalogSource source, String staleReason) {

    public PypiProject {
        Objects.requireNonNull(name, "name");
        files = List.copyOf(files);
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(source, "source");
    }

    static PypiProject listed(String name, List<IndexedFile> files, Instant fetchedAt) {
        return new PypiProject(name, files, false, fetchedAt, CatalogSource.LIVE, null);
    }

    static PypiProject absent(String name, Instant fetchedAt) {
        return new PypiProject(name, List.of(), true, fetchedAt, CatalogSource.LIVE, null);
    }

    public boolean isStale() {
        return staleReason != null;
    }

    PypiProject withStaleReason(String reason) {
        return new PypiProject(name, files, missing, fetchedAt, source, reason);
    }

    /** The same files, confirmed by upstream now. */
    PypiProject confirmedAt(Instant now) {
        return new PypiProject(name, files, missing, now, CatalogSource.LIVE, null);
    }
}
