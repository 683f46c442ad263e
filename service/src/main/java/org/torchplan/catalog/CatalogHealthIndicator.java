package org.torchplan.catalog;

import org.torchplan.catalog.live.CatalogService;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.PackageEntry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code catalog} health component. The catalog always has data (the embedded snapshot at worst), so it is
 * UP; the details say how old and whether any entry is stale, for dashboards and alerts.
 */
@Component
public class CatalogHealthIndicator implements HealthIndicator {

    private final CatalogService catalog;

    public CatalogHealthIndicator(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public Health health() {
        CatalogStatus status = catalog.statusNow();
        long staleEntries = catalog.allEntries().stream().filter(PackageEntry::isStale).count();
        return Health.up()
                .withDetail("source", status.source().id())
                .withDetail("fetchedAt", String.valueOf(status.fetchedAt()))
                .withDetail("upstream", catalog.indexRoot())
                .withDetail("staleEntries", staleEntries)
                .build();
    }
}
