package org.torchplan.catalog;

import java.util.List;
import org.torchplan.catalog.index.AllowedOrigins;
import org.torchplan.catalog.model.PytorchIndex;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the PyTorch index (or a mirror proxying it) lives ({@code torchplan.index.url}).
 *
 * @param url the index root, e.g. {@code https://download.pytorch.org/whl}; a trailing slash is optional
 * @param allowedOrigins origins besides the index's own that wheel files and redirects may point to; links and
 *     redirects elsewhere are dropped (by default the PyTorch download hosts, {@link AllowedOrigins#PYTORCH})
 */
@ConfigurationProperties("torchplan.index")
public record IndexProperties(
        @DefaultValue(PytorchIndex.ROOT_URL) String url,
        @DefaultValue({"https://download-r2.pytorch.org", "https://download.pytorch.org"})
                List<String> allowedOrigins) {

    /** The index's own origin and the listed ones. */
    public AllowedOrigins origins() {
        return AllowedOrigins.of(root(), allowedOrigins == null ? List.of() : allowedOrigins);
    }

    /** The root without a trailing slash, so paths join as {@code root + "/" + path}. */
    public String root() {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
