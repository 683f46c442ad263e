package org.torchplan.catalog.live;

import org.torchplan.catalog.index.UpstreamIndex;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an entry becomes after an upstream answer, given the copy it would replace. Never less than that copy:
 * failures, disappearances and refused pages (see {@link LossGuard}) keep it and mark it stale with the reason;
 * known digests are never changed or dropped by a new answer (see {@link DigestGuard}).
 */
public final class EntryResolution {

    /**
     * @param entry the entry to keep
     * @param live whether it holds newly fetched files
     * @param refused whether the answer was refused or failed, keeping an older copy
     * @param digests what {@link DigestGuard} found in the files read ({@link DigestGuard#NONE} when none were)
     * @param shrinkRefused whether the answer was refused as a shrink (see {@link LossGuard}), which counts towards
     *     {@link LossGuard#CONSECUTIVE_SHRINKS_ACCEPTED}
     */
    public record Outcome(PackageEntry entry, boolean live, boolean refused, DigestGuard.Checked digests,
            boolean shrinkRefused) {

        Outcome(PackageEntry entry, boolean live, boolean refused) {
            this(entry, live, refused, DigestGuard.NONE, false);
        }
    }

    /**
     * How far a shrink may go on this answer.
     *
     * @param earlierShrinks refreshes in a row before this one whose answers were refused as shrinks
     * @param acceptShrink whether an operator asked to take a shrink this time
     */
    public record ShrinkAllowance(int earlierShrinks, boolean acceptShrink) {

        public static final ShrinkAllowance NONE = new ShrinkAllowance(0, false);

        boolean accepts() {
            return acceptShrink || earlierShrinks + 1 >= LossGuard.CONSECUTIVE_SHRINKS_ACCEPTED;
        }
    }

    private EntryResolution() {}

    /**
     * @param previous the copy held now, or null
     * @param previousFromElsewhere whether that copy is data of another index (a mirror's service starting from
     *     the embedded snapshot of download.pytorch.org): any answer of the configured index replaces it, since
     *     what this index lists is what pip will find there
     * @param sourceWithoutCopy the source to report on an empty stale entry when there was no copy at all
     */
    public static Outcome resolve(
            EntryKey key,
            PackageEntry previous,
            boolean previousFromElsewhere,
            UpstreamIndex.Result<List<IndexedFile>> result,
            Instant now,
            double minRatio,
            CatalogSource sourceWithoutCopy) {
        return resolve(key, previous, previousFromElsewhere, result, now, minRatio, sourceWithoutCopy,
                ShrinkAllowance.NONE);
    }

    /** The same, with a shrink taken when {@code shrinks} allows it (see {@link LossGuard}). */
    public static Outcome resolve(
            EntryKey key,
            PackageEntry previous,
            boolean previousFromElsewhere,
            UpstreamIndex.Result<List<IndexedFile>> result,
            Instant now,
            double minRatio,
            CatalogSource sourceWithoutCopy,
            ShrinkAllowance shrinks) {
        if (result instanceof UpstreamIndex.Result.Read<List<IndexedFile>> read) {
            Optional<String> refusal = previousFromElsewhere
                    ? Optional.empty()
                    : LossGuard.refusal(previous, read.files().size(), read.skipped(), minRatio);
            boolean shrink = refusal.isPresent() && LossGuard.isShrink(previous, read.files().size(), minRatio);
            if (shrink && shrinks.accepts()) {
                refusal = Optional.empty();
            }
            if (refusal.isPresent()) {
                String reason = !shrink ? refusal.get() : refusal.get() + " (shrink " + (shrinks.earlierShrinks() + 1)
                        + " of " + LossGuard.CONSECUTIVE_SHRINKS_ACCEPTED + ": taken when seen on "
                        + LossGuard.CONSECUTIVE_SHRINKS_ACCEPTED + " refreshes in a row, or now with"
                        + " POST /admin/catalog/refresh?accept-shrink=true)";
                return new Outcome(previous.markedStale(reason), false, true, DigestGuard.NONE, shrink);
            }
            // data of another index says nothing about this index's digests
            DigestGuard.Checked digests = DigestGuard.check(previousFromElsewhere ? null : previous, read.files());
            PackageEntry entry = PackageEntry.of(key.channel(), key.backend(), key.packageName(), digests.files(), now,
                    CatalogSource.LIVE);
            List<String> problems = new ArrayList<>(digests.problems());
            if (read.unparseableNames().reason() != null) {
                problems.add(0, read.unparseableNames().reason());
            }
            if (!problems.isEmpty()) {
                entry = entry.markedStale(String.join("; ", problems));
            }
            return new Outcome(entry, true, false, digests, false);
        }
        if (result instanceof UpstreamIndex.Result.NotModified && previous != null) {
            return new Outcome(previous.confirmedAt(now), false, false);
        }
        if (result instanceof UpstreamIndex.Result.Missing
                && (previous == null || previous.isEmpty() || previousFromElsewhere)) {
            PackageEntry none = PackageEntry.empty(key.channel(), key.backend(), key.packageName(), CatalogSource.LIVE);
            return new Outcome(none.confirmedAt(now), false, false);
        }
        String reason = result instanceof UpstreamIndex.Result.Failed<List<IndexedFile>> failed
                ? failed.reason()
                : "upstream no longer lists " + key + "; kept the previous copy";
        PackageEntry kept = previous != null
                ? previous
                : PackageEntry.empty(key.channel(), key.backend(), key.packageName(), sourceWithoutCopy);
        return new Outcome(kept.markedStale(reason), false, true);
    }
}
