package org.torchplan.catalog.live;

import org.torchplan.catalog.model.PackageEntry;
import java.util.Optional;

/**
 * Decides whether freshly fetched files may replace an entry. A page that parses to no wheels, or to far fewer
 * than the copy it would replace, is what an error or challenge page served with HTTP 200 looks like; the good
 * copy stays and the entry is marked stale instead. Indexes add files and very rarely remove many at once.
 */
public final class LossGuard {

    private LossGuard() {}

    /** The reason to refuse the replacement, or empty when it may go ahead. */
    public static Optional<String> refusal(PackageEntry previous, int newWheelCount, int skippedLinks, double minRatio) {
        if (previous == null || previous.isEmpty()) {
            return Optional.empty();
        }
        int previousCount = previous.files().size();
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
