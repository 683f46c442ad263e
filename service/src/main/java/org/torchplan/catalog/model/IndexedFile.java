package org.torchplan.catalog.model;

import java.time.Instant;
import java.util.Objects;
import org.torchplan.packaging.Version;
import org.torchplan.packaging.WheelFilename;

/**
 * One wheel listed by the index, with what the index says about it.
 *
 * @param filename the parsed wheel file name
 * @param url absolute download URL, without the digest fragment
 * @param sha256 lower-case hex digest from the {@code #sha256=} fragment or the JSON hashes, or null
 * @param requiresPython the unescaped {@code data-requires-python} value, or null
 * @param hasCoreMetadata whether the index serves {@code <url>.metadata} (PEP 658/714)
 * @param uploadTime PEP 700 upload time, or null
 * @param yanked the yank reason ({@code ""} when yanked without reason), or null when not yanked
 * @param coreMetadataSha256 the lower-case hex sha256 the index declares for the metadata file, or null when it
 *     declares none (the metadata file is then used unchecked, as pip does)
 */
public record IndexedFile(
        WheelFilename filename,
        String url,
        String sha256,
        String requiresPython,
        boolean hasCoreMetadata,
        Instant uploadTime,
        String yanked,
        String coreMetadataSha256) {

    public IndexedFile {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(url, "url");
        if (coreMetadataSha256 != null && !hasCoreMetadata) {
            throw new IllegalArgumentException("a metadata digest without metadata: " + filename);
        }
    }

    /** A file whose metadata file, if any, has no declared digest. */
    public IndexedFile(WheelFilename filename, String url, String sha256, String requiresPython,
            boolean hasCoreMetadata, Instant uploadTime, String yanked) {
        this(filename, url, sha256, requiresPython, hasCoreMetadata, uploadTime, yanked, null);
    }

    public Version version() {
        return filename.version();
    }

    /** The same file with another digest (the known one, when upstream's answer changed or dropped it). */
    public IndexedFile withSha256(String digest) {
        return new IndexedFile(filename, url, digest, requiresPython, hasCoreMetadata, uploadTime, yanked, coreMetadataSha256);
    }

    public boolean isYanked() {
        return yanked != null;
    }
}
