package org.torchplan.catalog;

import java.time.Instant;

/**
 * The state of the catalog as a whole.
 *
 * @param source where the freshest data came from
 * @param fetchedAt when that data was fetched (the recording date for the embedded snapshot)
 * @param stale whether any entry is known to be out of date (a refresh failed or is overdue)
 */
public record CatalogStatus(CatalogSource source, Instant fetchedAt, boolean stale) {}
