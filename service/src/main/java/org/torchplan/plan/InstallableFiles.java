package org.torchplan.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.torchplan.catalog.IndexedFile;
import org.torchplan.catalog.PackageEntry;
import org.torchplan.packaging.SupportedTags;

/**
 * The positions of the files of a catalog entry that install on a target (tags match, not yanked), newest first.
 *
 * <p>Derived data, cached across plans: an entry's files never change (a refresh makes a new entry) and a target's
 * tags are fixed, so the answer for one (entry, tags) pair is computed once. Keys compare by identity, which is
 * both correct (immutable values) and cheap. Most of an entry's files are for other Pythons and platforms, so the
 * planner then looks at a few dozen files instead of hundreds.
 */
final class InstallableFiles {

    /** Distinct (entry, target) pairs in use are few; the bound only guards against unbounded growth. */
    private static final int LIMIT = 16_384;

    private final Map<Key, int[]> positions = new ConcurrentHashMap<>();

    int[] of(PackageEntry entry, SupportedTags tags) {
        Key key = new Key(entry, tags);
        int[] found = positions.get(key);
        if (found == null) {
            if (positions.size() >= LIMIT) {
                positions.clear();
            }
            found = compute(entry.files(), tags);
            positions.put(key, found);
        }
        return found;
    }

    private static int[] compute(List<IndexedFile> files, SupportedTags tags) {
        int[] installable = new int[files.size()];
        int count = 0;
        for (int index = 0; index < files.size(); index++) {
            IndexedFile file = files.get(index);
            if (!file.isYanked() && tags.supports(file.filename())) {
                installable[count++] = index;
            }
        }
        return Arrays.copyOf(installable, count);
    }

    /** Identity of both parts: entries and tag sets are immutable, and equality of whole entries would be slow. */
    private record Key(PackageEntry entry, SupportedTags tags) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.entry == entry && key.tags == tags;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(entry) * 31 + System.identityHashCode(tags);
        }
    }
}
