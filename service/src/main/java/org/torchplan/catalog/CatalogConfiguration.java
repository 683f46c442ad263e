package org.torchplan.catalog;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.torchplan.catalog.index.IndexClient;
import org.torchplan.catalog.index.PageReader;
import org.torchplan.catalog.index.UpstreamIndex;
import org.torchplan.catalog.live.CatalogCaches;
import org.torchplan.catalog.live.CatalogExecutors;
import org.torchplan.catalog.live.CatalogMetrics;
import org.torchplan.catalog.live.CatalogService;
import org.torchplan.catalog.storage.CatalogPersistence;
import org.torchplan.catalog.storage.EmbeddedSnapshot;

/** The catalog's parts as beans: the HTTP client, the index, storage, threads, the clock, and the live catalog. */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

    @Bean
    CatalogMetrics catalogMetrics(MeterRegistry registry) {
        return new CatalogMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    IndexClient indexClient(CatalogProperties properties, IndexProperties index, CatalogMetrics metrics) {
        return new IndexClient(properties.upstream(), metrics, index.origins());
    }

    @Bean
    UpstreamIndex upstreamIndex(IndexProperties index, IndexClient client, CatalogMetrics metrics) {
        return new UpstreamIndex(index.root(), new PageReader(client), metrics, index.origins());
    }

    @Bean
    CatalogPersistence catalogPersistence(CatalogProperties properties) {
        return new CatalogPersistence(properties.dataDir());
    }

    @Bean(destroyMethod = "close")
    CatalogExecutors catalogExecutors(CatalogProperties properties) {
        return new CatalogExecutors(properties.upstream().maxConcurrentRequests());
    }

    @Bean
    CatalogService catalogService(CatalogProperties properties, IndexClient client, UpstreamIndex upstream,
            CatalogPersistence persistence, CatalogMetrics metrics, CacheManager caches, CatalogExecutors executors,
            ObjectProvider<Clock> clock) {
        return new CatalogService(properties, client, upstream, persistence, metrics,
                caches.getCache(CatalogCaches.ENTRIES), executors, EmbeddedSnapshot.loadPreloaded(),
                clock.getIfAvailable(Clock::systemUTC));
    }
}
