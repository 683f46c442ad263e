package org.torchplan.catalog.index;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import okhttp3.HttpUrl;

/** Turns what a page says about one link (HTML attributes or JSON fields) into an {@link IndexLink}. */
public final class IndexLinks {

    private IndexLinks() {}

    /**
     * Builds a link from a href as written on the page at {@code pageUrl}; null when the href is no usable file URL
     * (empty, a folder, a script pseudo-URL).
     *
     * @param coreMetadataSha256 the digest declared for the PEP 658 metadata file, or null (then checked only when
     *     {@code hasCoreMetadata})
     */
    public static IndexLink link(
            String pageUrl,
            String href,
            String sha256,
            String requiresPython,
            boolean hasCoreMetadata,
            String uploadTime,
            String yanked,
            String coreMetadataSha256) {
        if (href == null || href.isBlank()) {
            return null;
        }
        String trimmed = href.strip();
        int hash = trimmed.indexOf('#');
        String withoutFragment = hash < 0 ? trimmed : trimmed.substring(0, hash);
        String fragment = hash < 0 ? "" : trimmed.substring(hash + 1);
        String absolute = resolve(pageUrl, withoutFragment);
        if (absolute == null) {
            return null;
        }
        String fileName = fileName(absolute);
        if (fileName == null) {
            return null;
        }
        String digest = sha256 != null ? sha256 : digestFromFragment(fragment);
        return new IndexLink(
                fileName,
                absolute,
                digest == null ? null : digest.toLowerCase(Locale.ROOT),
                requiresPython == null || requiresPython.isBlank() ? null : requiresPython.strip(),
                hasCoreMetadata,
                instant(uploadTime),
                yanked,
                hasCoreMetadata ? sha256Hex(coreMetadataSha256) : null);
    }

    /**
     * The digest of a PEP 658/714 attribute value ({@code sha256=<hex>}, or the bare hex of a JSON hashes object),
     * lower case; null for {@code true}, other hashes or a malformed value.
     */
    public static String metadataDigest(String attribute) {
        if (attribute == null) {
            return null;
        }
        String value = attribute.strip();
        return value.regionMatches(true, 0, "sha256=", 0, 7) ? sha256Hex(value.substring(7)) : null;
    }

    private static String sha256Hex(String value) {
        return value != null && value.matches("[0-9a-fA-F]{64}") ? value.toLowerCase(Locale.ROOT) : null;
    }

    /** Absolute hrefs are kept exactly as written (so URLs stay byte-identical); relative ones are resolved. */
    public static String resolve(String pageUrl, String href) {
        HttpUrl parsed = HttpUrl.parse(href);
        if (parsed != null) {
            return href;
        }
        if (href.regionMatches(true, 0, "javascript:", 0, 11) || href.regionMatches(true, 0, "data:", 0, 5)) {
            return null;
        }
        HttpUrl page = HttpUrl.parse(pageUrl);
        HttpUrl resolved = page == null ? null : page.resolve(href);
        return resolved == null ? null : resolved.toString();
    }

    /** The last path segment, percent-decoded; null for folders. */
    public static String fileName(String absoluteUrl) {
        HttpUrl url = HttpUrl.parse(absoluteUrl);
        if (url == null) {
            return null;
        }
        java.util.List<String> segments = url.pathSegments();
        String last = segments.get(segments.size() - 1);
        return last.isEmpty() ? null : last;
    }

    private static String digestFromFragment(String fragment) {
        if (fragment.regionMatches(true, 0, "sha256=", 0, 7)) {
            String value = fragment.substring(7);
            return value.matches("[0-9a-fA-F]{64}") ? value : null;
        }
        return null;
    }

    public static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException unparseable) {
            return null;
        }
    }

    public static String decodePath(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
