package org.torchplan.pypi;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.torchplan.catalog.index.AllowedOrigins;
import org.torchplan.catalog.IndexProperties;
import java.util.List;
import java.util.ArrayList;
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
    PypiProjects pypiProjects(PypiProperties properties, CatalogProperties catalog, IndexProperties index,
            CatalogPersistence persistence, PypiMetrics metrics, ObjectProvider<Clock> clock) {
        // a plan's resolution reads the PEP 658 metadata of PyTorch wheels through this reader too
        List<String> origins = new ArrayList<>(properties.origins().origins());
        origins.addAll(index.origins().origins());
        IndexClient client = new IndexClient(catalog.upstream(), metrics,
                AllowedOrigins.of(properties.root(), origins), "torchplan.pypi.allowed-origins");
        return new PypiProjects(properties, catalog, client, persistence, metrics, clock.getIfAvailable(Clock::systemUTC));
    }
}
