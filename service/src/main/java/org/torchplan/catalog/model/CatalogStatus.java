package org.torchplan.catalog.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * How trustworthy the data under an answer is: the whole catalog's for {@code GET /catalog}, or the entries one
 * plan read.
 *
 * @param source the weakest source among the entries (snapshot &lt; persisted &lt; live): {@code live} only when every
 *     entry was read from upstream by this run
 * @param fetchedAt the oldest fetch time among them (the recording date for the embedded snapshot)
 * @param stale whether any entry is known to be out of date (a refresh failed or was refused), or the data is older
 *     than the channel's maximum age
 */
public record CatalogStatus(CatalogSource source, Instant fetchedAt, boolean stale) {

    /**
     * The status of a set of entries. Entries that were never fetched (an empty entry standing for "the index has
     * none") count for their source only.
     *
     * @param whenNone the answer when {@code entries} is empty
     */
    public static CatalogStatus of(Collection<PackageEntry> entries, CatalogStatus whenNone) {
        if (entries.isEmpty()) {
            return whenNone;
        }
        CatalogSource weakest = CatalogSource.LIVE;
        Instant oldest = null;
        boolean stale = false;
        for (PackageEntry entry : entries) {
            if (entry.source().compareTo(weakest) < 0) {
                weakest = entry.source();
            }
            if (entry.fetchedAt() != null && (oldest == null || entry.fetchedAt().isBefore(oldest))) {
                oldest = entry.fetchedAt();
            }
            stale |= entry.isStale();
        }
        return new CatalogStatus(weakest, oldest == null ? whenNone.fetchedAt() : oldest, stale);
    }

    /** The age of the data at {@code now}; zero when the fetch time is unknown or in the future. */
    public Duration ageAt(Instant now) {
        if (fetchedAt == null || fetchedAt.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(fetchedAt, now);
    }

    /** Whether the data is older than {@code maxAge} at {@code now}. */
    public boolean isOlderThan(Duration maxAge, Instant now) {
        return ageAt(now).compareTo(maxAge) > 0;
    }

    /** This status at {@code now}: stale as well when older than {@code maxAge}. */
    public CatalogStatus at(Instant now, Duration maxAge) {
        return stale || !isOlderThan(maxAge, now) ? this : new CatalogStatus(source, fetchedAt, true);
    }
}
