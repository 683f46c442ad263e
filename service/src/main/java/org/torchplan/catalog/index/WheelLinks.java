package org.torchplan.catalog.index;

import org.torchplan.catalog.model.IndexedFile;
import java.util.ArrayList;
import java.util.List;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.PackagingParseException;
import org.torchplan.packaging.RequiresPython;
import org.torchplan.packaging.WheelFilename;

/**
 * Keeps the links of a page that are wheels of the page's package. Sdists, other files, junk and names that do not
 * parse are counted and dropped: real mirror copies carry such links and they must never fail a page.
 */
public final class WheelLinks {

    /**
     * @param files the wheels, in page order
     * @param skipped links dropped (plus anchors the page parser already dropped)
     * @param unparseableRequiresPython wheels kept whose Requires-Python does not parse (pip ignores such a value,
     *     and so does the planner; counted so an index that writes them is seen)
     */
    public record Result(List<IndexedFile> files, int skipped, int unparseableRequiresPython) {}

    private WheelLinks() {}

    public static Result of(String packageName, ParsedPage page) {
        String normalized = PackageName.normalize(packageName);
        List<IndexedFile> files = new ArrayList<>(page.links().size());
        int skipped = page.skipped();
        int unparseableRequiresPython = 0;
        for (IndexLink link : page.links()) {
            IndexedFile file = file(link);
            if (file == null || !file.filename().name().equals(normalized)) {
                skipped++;
            } else {
                files.add(file);
                if (RequiresPython.isUnparseable(file.requiresPython())) {
                    unparseableRequiresPython++;
                }
            }
        }
        return new Result(files, skipped, unparseableRequiresPython);
    }

    /** The indexed file for a link, or null when it is not a wheel with a valid name. */
    public static IndexedFile file(IndexLink link) {
        if (!link.fileName().endsWith(".whl")) {
            return null;
        }
        try {
            WheelFilename filename = WheelFilename.parse(link.fileName());
            return new IndexedFile(filename, link.url(), link.sha256(), link.requiresPython(),
                    link.hasCoreMetadata(), link.uploadTime(), link.yanked());
        } catch (PackagingParseException unparseable) {
            return null;
        }
    }
}
