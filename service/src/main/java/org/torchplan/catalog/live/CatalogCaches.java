package org.torchplan.catalog.live;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.cache.Cache;
import org.springframework.cache.caffeine.CaffeineCacheManager;

/**
 * The caches of the service, named and specified in one place; the service's single {@code CacheManager} bean
 * ({@code system.CacheConfiguration}) is made here, so each cache's metrics reach {@code /actuator/metrics}.
 */
public final class CatalogCaches {

    /** The catalog's entries, one per (channel, backend, package): never evicted, they are the catalog. */
    public static final String ENTRIES = "catalog-entries";

    private CatalogCaches() {}

    /** A cache manager holding every cache of the service, with statistics recorded. */
    public static CaffeineCacheManager manager() {
        CaffeineCacheManager manager = new CaffeineCacheManager();
        manager.setAllowNullValues(false);
        manager.registerCustomCache(ENTRIES, Caffeine.newBuilder().recordStats().build());
        return manager;
    }

    /** The entry cache of a catalog built outside Spring (tools, tests). */
    static Cache entries() {
        return manager().getCache(ENTRIES);
    }
}
