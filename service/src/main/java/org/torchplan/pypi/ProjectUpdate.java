package org.torchplan.pypi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.torchplan.catalog.live.DigestGuard;
import org.torchplan.catalog.live.LossGuard;

/**
 * What an upstream answer makes of a project, given the copy it would replace, with the PyTorch catalog's
 * guarantees: a failure keeps the copy (marked stale); a page listing no wheels or far fewer than known is refused
 * ({@link LossGuard}, a shrink yields after {@value LossGuard#CONSECUTIVE_SHRINKS_ACCEPTED} refreshes in a row); a
 * file whose digest changed keeps the known digest and is reported, a dropped digest keeps the known one
 * ({@link DigestGuard}).
 */
final class ProjectUpdate {

    /**
     * @param project what to hold now, or empty when there was nothing to keep and the read failed
     * @param failure why the read failed, or null
     * @param shrinkRefused whether the page was refused as a shrink
     * @param changedDigests files whose changed digest was refused
     * @param droppedDigests files whose dropped digest was kept
     */
    record Outcome(Optional<PypiProject> project, String failure, boolean shrinkRefused, int changedDigests,
            int droppedDigests) {

        boolean refused() {
            return failure != null || shrinkRefused;
        }
    }

    private ProjectUpdate() {}

    static Outcome apply(String name, PypiProject previous, PypiIndex.Page page, Instant now, double minRatio,
            int consecutiveShrinks) {
        if (page instanceof PypiIndex.Page.Failed failed) {
            return new Outcome(Optional.ofNullable(previous).map(kept -> kept.withStaleReason(failed.reason())),
                    failed.reason(), false, 0, 0);
        }
        if (page instanceof PypiIndex.Page.NotModified) {
            return previous == null
                    ? new Outcome(Optional.empty(), "HTTP 304 without a copy held", false, 0, 0)
                    : new Outcome(Optional.of(previous.confirmedAt(now)), null, false, 0, 0);
        }
        if (page instanceof PypiIndex.Page.Missing) {
            return new Outcome(Optional.of(PypiProject.absent(name, now)), null, false, 0, 0);
        }
        PypiIndex.Page.Listed listed = (PypiIndex.Page.Listed) page;
        List<org.torchplan.catalog.model.IndexedFile> known = previous == null ? List.of() : previous.files();
        Optional<String> refusal = LossGuard.refusal(known.size(), listed.files().size(), listed.skipped(), minRatio);
        boolean yields = !listed.files().isEmpty() && consecutiveShrinks + 1 >= LossGuard.CONSECUTIVE_SHRINKS_ACCEPTED;
        if (refusal.isPresent() && !yields) {
            return new Outcome(Optional.of(previous.withStaleReason(refusal.get())), null, true, 0, 0);
        }
        DigestGuard.Checked checked = DigestGuard.check(known, listed.files());
        PypiProject fresh = PypiProject.listed(name, checked.files(), now);
        List<String> problems = new ArrayList<>(checked.problems());
        return new Outcome(Optional.of(problems.isEmpty() ? fresh : fresh.withStaleReason(String.join("; ", problems))),
                null, false, checked.changedDigests(), checked.droppedDigests());
    }
}
