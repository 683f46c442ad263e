package org.torchplan.catalog.index;

import java.util.ArrayList;
import java.util.List;

/** Reads a PEP 503 simple-index page (HTML) with the PEP 592/629/658/700/714 attributes. */
public final class HtmlIndexParser {

    private HtmlIndexParser() {}

    public static ParsedPage parse(String pageUrl, String html) {
        List<IndexLink> links = new ArrayList<>();
        int skipped = 0;
        for (HtmlAnchors.Anchor anchor : HtmlAnchors.scan(html)) {
            String coreMetadata = anchor.attribute("data-core-metadata");
            if (coreMetadata == null) {
                coreMetadata = anchor.attribute("data-dist-info-metadata");
            }
            IndexLink link = IndexLinks.link(
                    pageUrl,
                    anchor.attribute("href"),
                    null,
                    anchor.attribute("data-requires-python"),
                    coreMetadata != null && !coreMetadata.equalsIgnoreCase("false"),
                    anchor.attribute("data-upload-time"),
                    anchor.attribute("data-yanked"),
                    IndexLinks.metadataDigest(coreMetadata));
            if (link == null) {
                skipped++;
            } else {
                links.add(link);
            }
        }
        return new ParsedPage(links, skipped);
    }

    /** The folder names a listing page links to ({@code cu126/} gives {@code cu126}), relative or absolute. */
    public static List<String> folders(String html) {
        List<String> folders = new ArrayList<>();
        for (HtmlAnchors.Anchor anchor : HtmlAnchors.scan(html)) {
            String href = anchor.attribute("href");
            if (href == null) {
                continue;
            }
            String path = href.strip();
            int cut = indexOfAny(path, "?#");
            if (cut >= 0) {
                path = path.substring(0, cut);
            }
            if (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            int slash = path.lastIndexOf('/');
            String name = slash < 0 ? path : path.substring(slash + 1);
            if (!name.isEmpty()) {
                folders.add(IndexLinks.decodePath(name));
            }
        }
        return folders;
    }

    private static int indexOfAny(String text, String characters) {
        for (int index = 0; index < text.length(); index++) {
            if (characters.indexOf(text.charAt(index)) >= 0) {
                return index;
            }
        }
        return -1;
    }
}
