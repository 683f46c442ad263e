package org.torchplan.pypi;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.torchplan.catalog.index.AllowedOrigins;

/**
 * How torchplan reads PyPI, the index of every package that is not a PyTorch one ({@code torchplan.pypi.*}).
 * Connection settings (timeouts, retries, concurrency, the per-plan budget, how long a failure is remembered) are
 * the catalog's, {@code torchplan.catalog.upstream.*}; offline is also {@code torchplan.catalog.offline}.
 *
 * @param url the simple index root (PEP 503/691), a mirror in real fleets
 * @param allowedOrigins origins besides the index's own that file links and redirects may point to (PyPI's pages
 *     link to files.pythonhosted.org)
 * @param maxAge how long a project's page counts as fresh; an older one is served while one background refresh runs
 * @param missingMaxAge how long "no such project" (404) is believed before the page is asked again
 * @param offline never contact PyPI: serve only persisted projects and metadata
 * @param maxProjects projects held in memory (least recently used ones go first; a miss reads them again)
 * @param maxMetadata core metadata files held in memory and persisted
 * @param maxMetadataBytes the largest metadata file (PEP 658, or METADATA inside a wheel) read
 * @param maxWheelBytes the largest wheel downloaded whole to read its METADATA, when its server takes no range
 *     requests and the index serves no metadata file
 */
@ConfigurationProperties("torchplan.pypi")
public record PypiProperties(
        @DefaultValue(DEFAULT_URL) String url,
        @DefaultValue(FILES_ORIGIN) List<String> allowedOrigins,
        @DefaultValue("6h") Duration maxAge,
        @DefaultValue("10m") Duration missingMaxAge,
        @DefaultValue("false") boolean offline,
        @DefaultValue("20000") int maxProjects,
        @DefaultValue("200000") int maxMetadata,
        @DefaultValue("4194304") long maxMetadataBytes,
        @DefaultValue("67108864") long maxWheelBytes) {

    public static final String DEFAULT_URL = "https://pypi.org/simple";
    public static final String FILES_ORIGIN = "https://files.pythonhosted.org";

    public PypiProperties {
        // validated at start-up: a URL that does not parse fails the start, naming the property
        if (url == null || okhttp3.HttpUrl.parse(url) == null) {
            throw new IllegalArgumentException("torchplan.pypi.url is not an http(s) URL: " + url);
        }
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        if (maxProjects < 1 || maxMetadata < 1 || maxMetadataBytes < 1 || maxWheelBytes < 1) {
            throw new IllegalArgumentException("torchplan.pypi.max-* settings must be positive");
        }
    }

    /** The defaults with another index root (tools, tests). */
    public static PypiProperties of(String url) {
        return new PypiProperties(url, List.of(FILES_ORIGIN), Duration.ofHours(6), Duration.ofMinutes(10), false,
                20000, 200000, 4L << 20, 64L << 20);
    }

    /** The index's own origin and the listed ones. */
    public AllowedOrigins origins() {
        return AllowedOrigins.of(root(), allowedOrigins);
    }

    /** The root without a trailing slash, so paths join as {@code root + "/" + name + "/"}. */
    public String root() {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public PypiProperties withOffline(boolean offline) {
        return new PypiProperties(url, allowedOrigins, maxAge, missingMaxAge, offline, maxProjects, maxMetadata,
                maxMetadataBytes, maxWheelBytes);
    }

    public PypiProperties withMaxAge(Duration maxAge) {
        return new PypiProperties(url, allowedOrigins, maxAge, missingMaxAge, offline, maxProjects, maxMetadata,
                maxMetadataBytes, maxWheelBytes);
    }
}
