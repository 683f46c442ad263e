package org.torchplan.catalog;

import org.torchplan.catalog.model.PytorchIndex;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the PyTorch index (or a mirror proxying it) lives ({@code torchplan.index.url}).
 *
 * @param url the index root, e.g. {@code https://download.pytorch.org/whl}; a trailing slash is optional
 */
@ConfigurationProperties("torchplan.index")
public record IndexProperties(@DefaultValue(PytorchIndex.ROOT_URL) String url) {

    /** The root without a trailing slash, so paths join as {@code root + "/" + path}. */
    public String root() {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
