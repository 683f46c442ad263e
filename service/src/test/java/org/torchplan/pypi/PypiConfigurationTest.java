package org.torchplan.pypi;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.IndexProperties;
import org.torchplan.catalog.index.AllowedOrigins;
import org.torchplan.catalog.model.PytorchIndex;
import org.torchplan.catalog.index.IndexClient;
import org.torchplan.catalog.storage.CatalogPersistence;

class PypiConfigurationTest {

    @TempDir
    Path dataDir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PypiProperties.class)
    static class Properties {}

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, PypiConfiguration.class)
                .withBean(CatalogProperties.class, () -> CatalogProperties.defaults(dataDir))
                .withBean(IndexProperties.class, () -> new IndexProperties(PytorchIndex.ROOT_URL, AllowedOrigins.PYTORCH))
                .withBean(CatalogPersistence.class, () -> new CatalogPersistence(dataDir))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new);
    }

    @Test
    void readsPypiOrgByDefaultAndAllowsItsFileHost() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            PypiProjects projects = context.getBean(PypiProjects.class);
            assertThat(projects.indexRoot()).isEqualTo("https://pypi.org/simple");
            assertThat(context.getBean(PypiProperties.class).origins().allows("https://files.pythonhosted.org/p/x.whl"))
                    .isTrue();
            // a plan's resolution reads the metadata files of PyTorch wheels through PyPI's reader too
            assertThat(projects.allowsFilesFrom("https://download-r2.pytorch.org/whl/cpu/torch-2.12.0%2Bcpu.whl"))
                    .isTrue();
            // PyPI's client is its own, not a bean: the catalog's IndexClient stays the one injected by type
            assertThat(context.getBeansOfType(IndexClient.class)).isEmpty();
            assertThat(context.getBean(MeterRegistry.class).find("torchplan.pypi.fetches").counter()).isNotNull();
        });
    }

    @Test
    void aMirrorUrlIsTakenWithoutItsTrailingSlash() {
        runner().withPropertyValues("torchplan.pypi.url=http://127.0.0.1:9/pypi/simple/").run(context ->
                assertThat(context.getBean(PypiProjects.class).indexRoot()).isEqualTo("http://127.0.0.1:9/pypi/simple"));
    }

    @Test
    void anInvalidUrlFailsTheStartNamingTheProperty() {
        runner().withPropertyValues("torchplan.pypi.url=not a url").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("torchplan.pypi.url");
        });
    }
}
