package org.torchplan.testsupport;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Points a recorded index page at the loopback server: every wheel link becomes
 * {@code <files base>/<original path>}, its {@code #sha256=} (the real wheel's) becomes the generated wheel's, and
 * PEP 658/714 metadata attributes name the generated METADATA's digest. Links that had no digest (nightly pages)
 * get none, as on the real index. Everything else on the page stays as recorded.
 */
final class IndexPageRewriter {

    /** Decides which wheel stands behind a link: gets the path the server will answer and the file name. */
    @FunctionalInterface
    interface WheelRegistry {
        GeneratedWheel register(String servedPath, String fileName);
    }

    private static final Pattern ANCHOR = Pattern.compile("<a\\s+([^>]*)>([^<]*)</a>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z][A-Za-z0-9-]*)=\"([^\"]*)\"");
    private static final Pattern HREF = Pattern.compile("(?:^|\\s)href=\"([^\"]*)\"");
    private static final String FILES_PREFIX = "/files";

    private final String serverBaseUrl;
    private final WheelRegistry registry;

    /** @param serverBaseUrl {@code http://127.0.0.1:PORT}, without a trailing slash */
    IndexPageRewriter(String serverBaseUrl, WheelRegistry registry) {
        this.serverBaseUrl = serverBaseUrl;
        this.registry = registry;
    }

    /** Served path of the wheel whose original URL path (decoded) is {@code originalPath}. */
    static String servedPath(String originalPath) {
        return FILES_PREFIX + originalPath;
    }

    /** @param pagePath the page's own path, e.g. {@code /whl/cu126/torch/}, against which relative links resolve */
    String rewrite(String page, String pagePath) {
        URI pageUri = URI.create("http://recorded.invalid" + pagePath);
        Matcher anchors = ANCHOR.matcher(page);
        StringBuilder out = new StringBuilder(page.length() + page.length() / 8);
        while (anchors.find()) {
            anchors.appendReplacement(out, Matcher.quoteReplacement(rewriteAnchor(anchors, pageUri)));
        }
        anchors.appendTail(out);
        return out.toString();
    }

    private String rewriteAnchor(Matcher anchor, URI pageUri) {
        String attributes = anchor.group(1);
        Matcher href = HREF.matcher(attributes);
        if (!href.find()) {
            return anchor.group();
        }
        URI link = pageUri.resolve(href.group(1));
        if (link.getPath() == null || !link.getPath().endsWith(".whl")) {
            return anchor.group();
        }
        String originalPath = link.getPath();
        String fileName = originalPath.substring(originalPath.lastIndexOf('/') + 1);
        GeneratedWheel wheel = registry.register(servedPath(originalPath), fileName);

        StringBuilder tag = new StringBuilder("<a");
        Matcher attribute = ATTRIBUTE.matcher(attributes);
        while (attribute.find()) {
            String name = attribute.group(1);
            String value = attribute.group(2);
            switch (name) {
                case "href" -> value = serverBaseUrl + FILES_PREFIX + link.getRawPath()
                        + (link.getRawFragment() == null ? "" : "#sha256=" + wheel.sha256());
                case "data-dist-info-metadata", "data-core-metadata" -> value = "sha256=" + wheel.metadataSha256();
                default -> { } // upload time, requires-python, yanked: as recorded
            }
            tag.append(' ').append(name).append("=\"").append(value).append('"');
        }
        return tag.append('>').append(anchor.group(2)).append("</a>").toString();
    }
}
