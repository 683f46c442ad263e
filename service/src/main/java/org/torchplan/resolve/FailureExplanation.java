package org.torchplan.resolve;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.packaging.Target;
import org.torchplan.packaging.Version;

/**
 * Turns a failed resolution into words a user can act on: which requirements could not be met together, and who
 * brought each in; or, when that is the reason, that a project is not on the index or has no wheel for the target.
 */
final class FailureExplanation {

    private static final int CHAIN_LIMIT = 6;

    private final WheelFinder finder;
    private final Target target;

    FailureExplanation(WheelFinder finder, Target target) {
        this.finder = finder;
        this.target = target;
    }

    ResolutionImpossibleException explain(ResolutionLoop.Impossible impossible) {
        if (impossible.causes.isEmpty()) {
            return new ResolutionImpossibleException("Cannot resolve the requirements: no answer after "
                    + ResolutionLoop.MAX_ROUNDS + " rounds of backtracking (pip gives up there too); pin some"
                    + " versions to narrow the search", List.of());
        }
        List<String> conflicts = new ArrayList<>();
        Set<String> projects = new LinkedHashSet<>();
        for (Need.Information cause : impossible.causes) {
            String line = cause(cause, impossible.lastState);
            if (!conflicts.contains(line)) {
                conflicts.add(line);
            }
            if (!cause.need().identifier().equals(Identifiers.PYTHON)) {
                projects.add(Identifiers.projectOf(cause.need().identifier()));
            }
        }
        for (String project : projects) {
            if (finder.listed(project).isEmpty()) {
                return new ProjectNotFoundException(project, project + " is not on the index (needed because "
                        + String.join("; ", conflictsAbout(impossible, project)) + ")", conflicts);
            }
        }
        for (String project : projects) {
            if (finder.installable(project).isEmpty()) {
                return new NoCompatibleWheelException(project, project + " has no wheel for " + describeTarget()
                        + "; " + whatTheIndexHas(project) + " (building from source is not supported; needed because "
                        + String.join("; ", conflictsAbout(impossible, project)) + ")", conflicts);
            }
        }
        StringBuilder message = new StringBuilder("Cannot resolve the requirements: ");
        if (conflicts.size() == 2) {
            message.append(conflicts.get(0)).append(", but ").append(conflicts.get(1));
        } else {
            message.append(String.join("; ", conflicts));
        }
        for (String project : projects) {
            message.append(". ").append(project).append(" versions for ").append(describeTarget()).append(": ")
                    .append(availableVersions(project));
        }
        return new ResolutionImpossibleException(message.toString(), conflicts);
    }

    private List<String> conflictsAbout(ResolutionLoop.Impossible impossible, String project) {
        List<String> lines = new ArrayList<>();
        for (Need.Information cause : impossible.causes) {
            if (Identifiers.projectOf(cause.need().identifier()).equals(project)) {
                String line = cause(cause, impossible.lastState);
                if (!lines.contains(line)) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    /** {@code somepkg 1.0.0 requires torch<2.9 (somepkg 1.0.0 is there because app 2.0 requires somepkg>=1)}. */
    private String cause(Need.Information cause, ResolutionLoop.State state) {
        if (cause.parent() == null) {
            return cause.need().describe() + " was asked";
        }
        String line = cause.parent() + " requires " + cause.need().describe();
        if (cause.need() instanceof Need.Python) {
            line += " (the target has Python " + target.python().version() + ")";
        }
        List<String> chain = new ArrayList<>();
        Candidate parent = cause.parent();
        for (int step = 0; step < CHAIN_LIMIT && parent != null && state != null; step++) {
            ResolutionLoop.Criterion criterion = state.criteria.get(parent.identifier());
            if (criterion == null || criterion.information().isEmpty()) {
                break;
            }
            Need.Information why = criterion.information().get(0);
            if (why.parent() == null) {
                chain.add(why.need().describe() + " was asked");
                break;
            }
            chain.add(why.parent() + " requires " + why.need().describe());
            parent = why.parent();
        }
        return chain.isEmpty() ? line : line + " (via " + String.join(" <- ", chain) + ")";
    }

    private String availableVersions(String project) {
        TreeSet<Version> versions = new TreeSet<>();
        for (IndexedFile file : finder.installable(project)) {
            if (!file.isYanked()) {
                versions.add(file.version());
            }
        }
        if (versions.isEmpty()) {
            return "none";
        }
        List<String> newestFirst = new ArrayList<>();
        for (Version version : versions.descendingSet()) {
            newestFirst.add(version.toString());
        }
        return String.join(", ", newestFirst);
    }

    private String whatTheIndexHas(String project) {
        int listed = finder.listed(project).map(List::size).orElse(0);
        if (listed == 0) {
            return "the index lists no wheels for it, only source distributions or nothing";
        }
        return "none of its " + listed + " wheels fits this target's Python, ABI or platform";
    }

    private String describeTarget() {
        return target.python().interpreterTag() + " " + target.os() + " " + target.arch();
    }
}
