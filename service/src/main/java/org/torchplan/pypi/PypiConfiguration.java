package org.torchplan.pypi;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.index.IndexClient;
import org.torchplan.catalog.storage.CatalogPersistence;

/**
 * The PyPI reader's beans. Its HTTP client is its own (PyPI's allowed origins, its own metrics) and is no bean, so
 * the catalog's {@code IndexClient} stays the only one injected by type.
 */
@Configuration(proxyBeanMethods = false)
class PypiConfiguration {

    @Bean
    PypiMetrics pypiMetrics(MeterRegistry registry) {
        return new PypiMetrics(registry);
    }

    @Bean(destroyMethod = "close")
    PypiProjects pypiProjects(PypiProperties properties, CatalogProperties catalog, CatalogPersistence persistence,
            PypiMetrics metrics, ObjectProvider<Clock> clock) {
        IndexClient client = new IndexClient(catalog.upstream(), metrics, properties.origins(),
                "torchplan.pypi.allowed-origins");
        return new PypiProjects(properties, catalog, client, persistence, metrics, clock.getIfAvailable(Clock::systemUTC));
    }
}
