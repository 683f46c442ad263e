package org.torchplan.catalog.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;

/**
 * Keeps the sha256 of a wheel as first read: a published wheel is immutable, so a digest that changes is either a
 * broken upstream or tampering, and a digest that goes missing would switch hash checking off ({@code --hash}
 * leaves the requirements output). pip checks what the plan's {@code --hash} says, so the known digest stays.
 * A file is its URL: the real index lists some names twice, at the root and in a backend's folder, as two different
 * files with two digests (the stable cpu page has {@code fbgemm_gpu-0.6.0+cpu-cp310-cp310-manylinux2014_aarch64.whl}
 * at {@code /whl/} and at {@code /whl/cpu/}); both are kept, and the planner names the one pip takes.
 * <ul>
 *   <li>a file listed with a digest other than the known one keeps the known digest, and the entry is reported
 *       ("possible tampering");</li>
 *   <li>a file listed without the digest it had keeps the known digest;</li>
 *   <li>links to one URL with different digests on one page: no digest can be trusted, the file is refused (not
 *       planned) and reported.</li>
 * </ul>
 */
public final class DigestGuard {

    /**
     * @param files the files to keep, in the page's order
     * @param problems what to report in the entry's stale reason, or empty
     * @param changedDigests files whose new digest was refused
     * @param droppedDigests files listed without their known digest, which was kept
     * @param conflictingDuplicates files (URLs) refused for links with different digests
     */
    public record Checked(List<IndexedFile> files, List<String> problems, int changedDigests, int droppedDigests,
            int conflictingDuplicates) {

        public Checked {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    /** Nothing checked, nothing found. */
    static final Checked NONE = new Checked(List.of(), List.of(), 0, 0, 0);

    private DigestGuard() {}

    /** {@code fresh} checked against the digests {@code previous} (null when none) knew. */
    static Checked check(PackageEntry previous, List<IndexedFile> fresh) {
        return check(previous == null ? List.of() : previous.files(), fresh);
    }

    /**
     * {@code fresh} checked against the digests the files {@code previous} knew (the PyPI projects keep no
     * {@link PackageEntry}).
     */
    public static Checked check(List<IndexedFile> previous, List<IndexedFile> fresh) {
        Map<String, Set<String>> digestsByUrl = new LinkedHashMap<>();
        for (IndexedFile file : fresh) {
            Set<String> digests = digestsByUrl.computeIfAbsent(file.url(), url -> new LinkedHashSet<>());
            if (file.sha256() != null) {
                digests.add(file.sha256());
            }
        }
        Map<String, String> known = knownDigests(previous);
        List<IndexedFile> kept = new ArrayList<>(fresh.size());
        List<String> problems = new ArrayList<>();
        int changed = 0;
        int dropped = 0;
        int conflicting = 0;
        Set<String> refused = new LinkedHashSet<>();
        for (IndexedFile file : fresh) {
            String name = file.filename().toString();
            int digests = digestsByUrl.get(file.url()).size();
            if (digests > 1) {
                if (refused.add(file.url())) {
                    conflicting++;
                    problems.add("upstream listed " + name + " (" + file.url() + ") with " + digests
                            + " different sha256 digests; refused the file");
                }
                continue;
            }
            String knownDigest = known.get(file.url());
            if (knownDigest == null || knownDigest.equals(file.sha256())) {
                kept.add(file);
            } else if (file.sha256() == null) {
                dropped++;
                kept.add(file.withSha256(knownDigest));
            } else {
                changed++;
                problems.add("possible tampering: upstream listed " + name + " with sha256 " + file.sha256()
                        + " where " + knownDigest + " was known; kept the known digest");
                kept.add(file.withSha256(knownDigest));
            }
        }
        return new Checked(kept, problems, changed, dropped, conflicting);
    }

    /** URL to digest, for the files of {@code previous} with one digest there. */
    private static Map<String, String> knownDigests(List<IndexedFile> previous) {
        Map<String, String> known = new HashMap<>();
        Set<String> ambiguous = new LinkedHashSet<>();
        for (IndexedFile file : previous) {
            if (file.sha256() == null) {
                continue;
            }
            String other = known.putIfAbsent(file.url(), file.sha256());
            if (other != null && !other.equals(file.sha256())) {
                ambiguous.add(file.url());
            }
        }
        known.keySet().removeAll(ambiguous);
        return known;
    }
}
