package org.torchplan.resolve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.packaging.PythonTarget;
import org.torchplan.packaging.RequiresPython;
import org.torchplan.packaging.Specifier;
import org.torchplan.packaging.SpecifierSet;
import org.torchplan.packaging.SupportedTags;
import org.torchplan.packaging.Version;

/**
 * Which files of a project may be installed on the target, and which of them a version specifier admits, best
 * first: pip 23.2's {@code PackageFinder} ({@code LinkEvaluator}, then {@code CandidateEvaluator}'s
 * {@code get_applicable_candidates} and {@code _sort_key}) for binary wheels only.
 */
final class WheelFinder {

    private static final Pattern BUILD_TAG = Pattern.compile("^(\\d+)(.*)$");

    private final ProjectSource source;
    private final SupportedTags tags;
    private final PythonTarget python;
    private final boolean allowPrereleases;
    private final Map<String, Optional<List<IndexedFile>>> listed = new HashMap<>();
    private final Map<String, List<IndexedFile>> installable = new HashMap<>();

    WheelFinder(ProjectSource source, SupportedTags tags, PythonTarget python, boolean allowPrereleases) {
        this.source = source;
        this.tags = tags;
        this.python = python;
        this.allowPrereleases = allowPrereleases;
    }

    /** Every file the index lists for the project, or empty when the index does not have it. */
    Optional<List<IndexedFile>> listed(String name) {
        return listed.computeIfAbsent(name, source::files);
    }

    /**
     * The files that install on the target: a wheel of this project (pip skips a file named for another), one of
     * whose tags the target supports, and whose index-declared Requires-Python admits the target's Python. Best
     * first, yanked ones last.
     */
    List<IndexedFile> installable(String name) {
        return installable.computeIfAbsent(name, key -> {
            List<IndexedFile> files = new ArrayList<>();
            for (IndexedFile file : listed(key).orElse(List.of())) {
                if (file.filename().name().equals(key) && tags.supports(file.filename())
                        && RequiresPython.admits(file.requiresPython(), python)) {
                    files.add(file);
                }
            }
            files.sort(bestFirst());
            return List.copyOf(files);
        });
    }

    /** The installable files whose version {@code specifier} admits under pip 23.2's pre-release rules, best first. */
    List<IndexedFile> applicable(String name, SpecifierSet specifier) {
        List<IndexedFile> files = installable(name);
        Set<String> admitted = admittedVersions(files, specifier);
        List<IndexedFile> applicable = new ArrayList<>();
        for (IndexedFile file : files) {
            if (admitted.contains(file.version().toString())) {
                applicable.add(file);
            }
        }
        return applicable;
    }

    /**
     * pip 23.2 vendors packaging 21.3, whose {@code SpecifierSet.filter} differs from today's: with any clause, a
     * pre-release passes only under {@code --pre} or when a clause names one with an inclusive operator
     * ({@code ==}, {@code >=}, {@code <=}, {@code ~=}, {@code ===}; not {@code <}, {@code >}, {@code !=}); only an
     * empty specifier falls back to pre-releases when no final release exists.
     */
    private Set<String> admittedVersions(List<IndexedFile> files, SpecifierSet specifier) {
        Set<String> admitted = new HashSet<>();
        if (!specifier.isEmpty()) {
            boolean prereleases = allowPrereleases || namesPrereleaseInclusively(specifier);
            for (IndexedFile file : files) {
                Version version = file.version();
                if ((prereleases || !version.isPrerelease()) && specifier.matchesEveryClause(version)) {
                    admitted.add(version.toString());
                }
            }
            return admitted;
        }
        Set<String> prereleaseVersions = new HashSet<>();
        for (IndexedFile file : files) {
            Version version = file.version();
            if (version.isPrerelease() && !allowPrereleases) {
                prereleaseVersions.add(version.toString());
            } else {
                admitted.add(version.toString());
            }
        }
        return admitted.isEmpty() ? prereleaseVersions : admitted;
    }

    static boolean namesPrereleaseInclusively(SpecifierSet specifier) {
        for (Specifier clause : specifier.specifiers()) {
            switch (clause.operator()) {
                case EQUAL:
                case GREATER_OR_EQUAL:
                case LESS_OR_EQUAL:
                case COMPATIBLE:
                case ARBITRARY_EQUAL:
                    String text = clause.versionText();
                    if (text.endsWith(".*")) {
                        text = text.substring(0, text.length() - 2);
                    }
                    if (Version.isValid(text) && Version.parse(text).isPrerelease()) {
                        return true;
                    }
                    break;
                default:
                    break;
            }
        }
        return false;
    }

    /**
     * pip sorts by (not yanked, version, best tag rank, build tag) and takes the last as best; this is that order
     * reversed.
     */
    private Comparator<IndexedFile> bestFirst() {
        Comparator<IndexedFile> order = Comparator.comparing((IndexedFile file) -> file.isYanked())
                .thenComparing(IndexedFile::version, Comparator.reverseOrder())
                .thenComparingInt(file -> tags.rank(file.filename()))
                .thenComparing(WheelFinder::compareBuildTags);
        return order;
    }

    private static int compareBuildTags(IndexedFile first, IndexedFile second) {
        return compareBuildTag(second.filename().buildTag(), first.filename().buildTag());
    }

    /** pip's build tag key: none sorts below any; otherwise (leading number, rest). */
    static int compareBuildTag(Optional<String> first, Optional<String> second) {
        if (first.isEmpty() || second.isEmpty()) {
            return Boolean.compare(first.isPresent(), second.isPresent());
        }
        Matcher firstParts = BUILD_TAG.matcher(first.get());
        Matcher secondParts = BUILD_TAG.matcher(second.get());
        if (!firstParts.matches() || !secondParts.matches()) {
            return first.get().compareTo(second.get());
        }
        int byNumber = new java.math.BigInteger(firstParts.group(1)).compareTo(
                new java.math.BigInteger(secondParts.group(1)));
        return byNumber != 0 ? byNumber : firstParts.group(2).compareTo(secondParts.group(2));
    }
}
