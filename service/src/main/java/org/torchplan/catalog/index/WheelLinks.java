package org.torchplan.catalog.index;

import org.torchplan.catalog.model.IndexedFile;
import java.util.ArrayList;
import java.util.List;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.PackagingParseException;
import org.torchplan.packaging.RequiresPython;
import org.torchplan.packaging.WheelFilename;

/**
 * Keeps the links of a page that are wheels of the page's package. Sdists, other files and junk are counted and
 * dropped: real mirror copies carry such links and they must never fail a page. A link to a {@code .whl} whose name
 * does not parse is dropped too, but counted apart and reported: it is a wheel the page meant to list (a
 * {@code &#0;} in the 2.10.0 names made every plan fall back to 2.9.1), so the page is suspect.
 */
public final class WheelLinks {

    /**
     * @param files the wheels, in page order
     * @param skipped links dropped (plus anchors the page parser already dropped)
     * @param unparseableRequiresPython wheels kept whose Requires-Python does not parse (pip ignores such a value,
     *     and so does the planner; counted so an index that writes them is seen)
     */
    public record Result(List<IndexedFile> files, int skipped, int unparseableRequiresPython,
            UnparseableNames unparseableNames) {}

    /**
     * Links to {@code .whl} files whose names do not parse.
     *
     * @param count how many
     * @param example the first one, with control characters escaped, or null when none
     */
    public record UnparseableNames(int count, String example) {

        public static final UnparseableNames NONE = new UnparseableNames(0, null);

        /** Why a page with such links is suspect, or null when it has none. */
        public String reason() {
            return count == 0 ? null : "upstream page links " + count + " wheel(s) whose names do not parse (e.g. "
                    + example + "); took the wheels that parse";
        }
    }

    /** Longest example name reported; a name is a path segment and rarely longer than 150 characters. */
    private static final int EXAMPLE_LENGTH = 200;

    private WheelLinks() {}

    public static Result of(String packageName, ParsedPage page) {
        String normalized = PackageName.normalize(packageName);
        List<IndexedFile> files = new ArrayList<>(page.links().size());
        int skipped = page.skipped();
        int unparseableRequiresPython = 0;
        int unparseableNames = 0;
        String example = null;
        for (IndexLink link : page.links()) {
            IndexedFile file = file(link);
            if (file == null && link.fileName().endsWith(".whl")) {
                if (unparseableNames++ == 0) {
                    example = printable(link.fileName());
                }
            } else if (file == null || !file.filename().name().equals(normalized)) {
                skipped++;
            } else {
                files.add(file);
                if (RequiresPython.isUnparseable(file.requiresPython())) {
                    unparseableRequiresPython++;
                }
            }
        }
        UnparseableNames unparseable = unparseableNames == 0 ? UnparseableNames.NONE
                : new UnparseableNames(unparseableNames, example);
        return new Result(files, skipped, unparseableRequiresPython, unparseable);
    }

    /** The name with control and non-ASCII characters as {@code \\uXXXX}, cut to a bounded length. */
    private static String printable(String name) {
        StringBuilder printable = new StringBuilder();
        for (int index = 0; index < name.length() && printable.length() < EXAMPLE_LENGTH; index++) {
            char character = name.charAt(index);
            if (character < 0x20 || character >= 0x7f) {
                printable.append(String.format("\\u%04x", (int) character));
            } else {
                printable.append(character);
            }
        }
        return printable.toString();
    }

    /** The indexed file for a link, or null when it is not a wheel with a valid name. */
    public static IndexedFile file(IndexLink link) {
        if (!link.fileName().endsWith(".whl")) {
            return null;
        }
        try {
            WheelFilename filename = WheelFilename.parse(link.fileName());
            return new IndexedFile(filename, link.url(), link.sha256(), link.requiresPython(),
                    link.hasCoreMetadata(), link.uploadTime(), link.yanked(), link.coreMetadataSha256());
        } catch (PackagingParseException unparseable) {
            return null;
        }
    }
}
