package org.torchplan.catalog;

import org.torchplan.catalog.live.CatalogService;
import org.torchplan.catalog.model.CatalogStatus;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.torchplan.system.CatalogInfoSource;

/** The catalog's versions for {@code /actuator/info}: where the copy came from, how old it is, which index. */
@Component
class CatalogInfo implements CatalogInfoSource {

    /** What the info endpoint shows under {@code catalog}. */
    record Versions(String source, Instant fetchedAt, Instant snapshotRecordedAt, boolean stale, String upstream) {}

    private final CatalogService catalog;

    CatalogInfo(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public Versions catalogInfo() {
        CatalogStatus status = catalog.statusNow();
        return new Versions(status.source().name().toLowerCase(java.util.Locale.ROOT), status.fetchedAt(),
                catalog.snapshotRecordedAt(), status.stale(), catalog.indexRoot());
    }
}
