package org.torchplan.catalog.index;

import java.time.Instant;

/**
 * One link of an index page as the page gives it, before its file name is understood.
 *
 * @param fileName the last path segment of the URL, percent-decoded ({@code %2B} becomes {@code +})
 * @param url the absolute URL without its fragment, spelled as the page spelled it when it was absolute
 * @param sha256 lower-case hex digest, or null
 * @param requiresPython unescaped {@code data-requires-python}, or null
 * @param hasCoreMetadata whether PEP 658/714 metadata is offered
 * @param uploadTime PEP 700 upload time, or null (also when the page's value does not parse)
 * @param yanked yank reason ({@code ""} without reason), or null when not yanked
 * @param coreMetadataSha256 lower-case hex digest the page declares for the metadata file, or null
 */
public record IndexLink(
        String fileName,
        String url,
        String sha256,
        String requiresPython,
        boolean hasCoreMetadata,
        Instant uploadTime,
        String yanked,
        String coreMetadataSha256) {

    /** A link whose metadata file, if any, has no declared digest. */
    public IndexLink(String fileName, String url, String sha256, String requiresPython, boolean hasCoreMetadata,
            Instant uploadTime, String yanked) {
        this(fileName, url, sha256, requiresPython, hasCoreMetadata, uploadTime, yanked, null);
    }
}
