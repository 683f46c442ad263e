package org.torchplan.system;

import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.torchplan.catalog.live.CatalogCaches;

/** The service's one {@code CacheManager} (Caffeine); its caches are specified in {@link CatalogCaches}. */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    @Bean
    CacheManager cacheManager() {
        return CatalogCaches.manager();
    }
}
