package org.torchplan.catalog.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a caller is told about the data an answer rests on: a snapshot or stale entries, and data older than the
 * channel's maximum age ({@code torchplan.catalog.max-age.*}). Pure: the time comes from the caller.
 */
public final class CatalogAge {

    private CatalogAge() {}

    /** Data older than {@code maxAge} at {@code now}: the warning, naming its age, its source and the setting. */
    public static Optional<String> warning(CatalogStatus status, Channel channel, Duration maxAge, Instant now) {
        if (!status.isOlderThan(maxAge, now)) {
            return Optional.empty();
        }
        return Optional.of("the " + channel.id() + " catalog data this answer rests on was fetched "
                + status.fetchedAt() + " (" + days(status.ageAt(now)) + " ago, " + describe(status.source())
                + "), more than torchplan.catalog.max-age." + channel.id() + " (" + days(maxAge)
                + "): releases published since then are unknown to this service");
    }

    /** Data not read live: where it comes from instead, for warnings. */
    public static String describe(CatalogSource source) {
        return switch (source) {
            case SNAPSHOT -> "from the snapshot embedded in the service";
            case PERSISTED -> "from the catalog an earlier run of the service persisted";
            case LIVE -> "read from the index by this service";
        };
    }

    private static String days(Duration duration) {
        long days = duration.toDays();
        if (days >= 1) {
            return days + (days == 1 ? " day" : " days");
        }
        long hours = duration.toHours();
        return hours + (hours == 1 ? " hour" : " hours");
    }
}
