package org.torchplan.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.Info;
import org.springframework.context.support.StaticApplicationContext;

class CatalogInfoContributorTest {

    @Test
    void showsWhatTheCatalogReports() {
        StaticApplicationContext context = new StaticApplicationContext();
        context.getBeanFactory().registerSingleton("catalogInfo",
                (CatalogInfoSource) () -> Map.of("source", "snapshot", "snapshotDate", "2026-05-19"));

        Info info = contribute(context);

        assertThat(info.getDetails()).containsEntry("catalog", Map.of("source", "snapshot", "snapshotDate", "2026-05-19"));
    }

    @Test
    void leavesCatalogOutWhenNoCatalogIsWired() {
        Info info = contribute(new StaticApplicationContext());

        assertThat(info.getDetails()).doesNotContainKey("catalog");
    }

    private static Info contribute(StaticApplicationContext context) {
        Info.Builder builder = new Info.Builder();
        new CatalogInfoContributor(context.getBeanProvider(CatalogInfoSource.class)).contribute(builder);
        return builder.build();
    }
}
