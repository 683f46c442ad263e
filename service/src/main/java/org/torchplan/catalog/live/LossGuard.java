package org.torchplan.catalog.live;

import org.torchplan.catalog.model.PackageEntry;
import java.util.Optional;

/**
 * Decides whether freshly fetched files may replace an entry. A page that parses to no wheels, or to far fewer
 * than the copy it would replace, is what an error or challenge page served with HTTP 200 looks like; the good
 * copy stays and the entry is marked stale instead. Indexes add files and very rarely remove many at once.
 *
 * <p>The copy judged against is the last one this index gave that was taken (data of another index is not judged
 * at all). A shrink to fewer wheels (not to none) can be real, so it yields: to an operator's explicit refresh
 * ({@code POST /admin/catalog/refresh?accept-shrink=true}), and to time, when the same entry showed a shrink on
 * {@value #CONSECUTIVE_SHRINKS_ACCEPTED} refreshes in a row (a broken page rarely stays broken; a real change does).
 * A page with no wheels never yields: a package that is gone answers 404.
 */
public final class LossGuard {

    /** A shrink seen on this many consecutive refreshes of one entry is taken as real. */
    public static final int CONSECUTIVE_SHRINKS_ACCEPTED = 3;

    private LossGuard() {}

    /** Whether the page lists some wheels, but far fewer than the copy it would replace. */
    public static boolean isShrink(PackageEntry previous, int newWheelCount, double minRatio) {
        return previous != null && !previous.isEmpty() && newWheelCount > 0
                && newWheelCount < previous.files().size() * minRatio;
    }

    /** The reason to refuse the replacement, or empty when it may go ahead. */
    public static Optional<String> refusal(PackageEntry previous, int newWheelCount, int skippedLinks, double minRatio) {
        return refusal(previous == null ? 0 : previous.files().size(), newWheelCount, skippedLinks, minRatio);
    }

    /** The same, given how many wheels the copy it would replace has (0: none known, nothing to lose). */
    public static Optional<String> refusal(int previousCount, int newWheelCount, int skippedLinks, double minRatio) {
        if (previousCount == 0) {
            return Optional.empty();
        }
        if (newWheelCount == 0) {
            return Optional.of("upstream page listed no wheels (" + skippedLinks
                    + " other links) where " + previousCount + " were known; kept the previous copy");
        }
        if (newWheelCount < previousCount * minRatio) {
            return Optional.of("upstream page listed " + newWheelCount + " wheels where " + previousCount
                    + " were known; kept the previous copy");
        }
        return Optional.empty();
    }
}
