package org.torchplan.catalog.model;

/** Where the data of the catalog (or of one entry) came from. */
public enum CatalogSource {
    /** The snapshot embedded in the service, recorded when the service was built. */
    SNAPSHOT,
    /** The last good live catalog, written to the data directory by an earlier run. */
    PERSISTED,
    /** Fetched from the upstream index by this run. */
    LIVE;

    /** The lower-case name shown in responses. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
