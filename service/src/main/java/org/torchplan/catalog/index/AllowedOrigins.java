package org.torchplan.catalog.index;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * The origins (scheme, host, port) the catalog takes pages, redirects and wheel files from: the configured index's
 * own origin and those listed in {@code torchplan.index.allowed-origins}. A link or redirect to any other origin
 * is not followed: a page must not move plans to wheels on a host nobody configured.
 */
public final class AllowedOrigins {

    /** download.pytorch.org's pages link to files on download-r2.pytorch.org. */
    public static final List<String> PYTORCH = List.of("https://download-r2.pytorch.org", "https://download.pytorch.org");

    private final Set<String> origins;

    private AllowedOrigins(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    /**
     * The index root's origin and the listed ones.
     *
     * @throws IllegalArgumentException when the root or a listed origin is no http(s) URL
     */
    public static AllowedOrigins of(String indexRoot, Collection<String> listed) {
        Set<String> origins = new LinkedHashSet<>();
        origins.add(required(indexRoot));
        for (String origin : listed) {
            if (origin != null && !origin.isBlank()) {
                origins.add(required(origin.strip()));
            }
        }
        return new AllowedOrigins(origins);
    }

    /** The index root's origin and the PyTorch download hosts (the default of the setting). */
    public static AllowedOrigins forIndex(String indexRoot) {
        return of(indexRoot, PYTORCH);
    }

    public boolean allows(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        return parsed != null && allows(parsed);
    }

    public boolean allows(HttpUrl url) {
        return origins.contains(origin(url));
    }

    /** The origin of a URL as {@code scheme://host:port}, or the URL itself when it does not parse. */
    public static String originOf(String url) {
        HttpUrl parsed = url == null ? null : HttpUrl.parse(url);
        return parsed == null ? String.valueOf(url) : origin(parsed);
    }

    public Set<String> origins() {
        return origins;
    }

    @Override
    public String toString() {
        return String.join(", ", origins);
    }

    private static String required(String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        return origin(parsed);
    }

    private static String origin(HttpUrl url) {
        return url.scheme() + "://" + url.host().toLowerCase(Locale.ROOT) + ":" + url.port();
    }
}
