package org.torchplan.system;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** Adds the catalog's versions to {@code /actuator/info}, next to the build information. */
@Component
class CatalogInfoContributor implements InfoContributor {

    private final ObjectProvider<CatalogInfoSource> catalogInfoSource;

    CatalogInfoContributor(ObjectProvider<CatalogInfoSource> catalogInfoSource) {
        this.catalogInfoSource = catalogInfoSource;
    }

    @Override
    public void contribute(Info.Builder builder) {
        catalogInfoSource.ifAvailable(source -> builder.withDetail("catalog", source.catalogInfo()));
    }
}
