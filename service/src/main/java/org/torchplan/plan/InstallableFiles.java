package org.torchplan.plan;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.packaging.RequiresPython;
import org.torchplan.packaging.SupportedTags;

/**
 * The positions of the files of a catalog entry that install on a target (tags match, Requires-Python admits the
 * target's Python, not yanked), newest first.
 *
 * <p>Derived data, cached across plans: an entry's files never change (a refresh makes a new entry) and a target's
 * tags are fixed, so the answer for one (entry, tags) pair is computed once. Entries are held weakly and compared
 * by identity: an entry a refresh replaced is dropped with its positions instead of being kept alive by this
 * cache. Most of an entry's files are for other Pythons and platforms, so the planner then looks at a few dozen
 * files instead of hundreds.
 */
final class InstallableFiles {

    /** Bounds against a flood of made-up targets; a fleet has a handful of machine shapes. */
    private static final int TARGETS_PER_ENTRY = 256;
    private static final int ENTRIES = 65_536;

    private final Cache<PackageEntry, Map<SupportedTags, int[]>> byEntry =
            Caffeine.newBuilder().weakKeys().maximumSize(ENTRIES).build();

    int[] of(PackageEntry entry, SupportedTags tags) {
        Map<SupportedTags, int[]> byTags = byEntry.get(entry, unused -> new ConcurrentHashMap<>());
        int[] found = byTags.get(tags);
        if (found == null) {
            found = compute(entry.files(), tags);
            if (byTags.size() >= TARGETS_PER_ENTRY) {
                byTags.clear();
            }
            byTags.put(tags, found);
        }
        return found;
    }

    private static int[] compute(List<IndexedFile> files, SupportedTags tags) {
        int[] installable = new int[files.size()];
        int count = 0;
        for (int index = 0; index < files.size(); index++) {
            IndexedFile file = files.get(index);
            if (!file.isYanked() && tags.supports(file.filename())
                    && RequiresPython.admits(file.requiresPython(), tags.target().python())) {
                installable[count++] = index;
            }
        }
        return Arrays.copyOf(installable, count);
    }
}
