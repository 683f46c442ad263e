package org.torchplan.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.MarkerEnvironment;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.PackagingParseException;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Specifier;
import org.torchplan.packaging.SpecifierSet;
import org.torchplan.packaging.Version;

/**
 * What the resolution loop asks of the packages (pip 23.2's {@code PipProvider} and {@code Factory}): the candidates
 * that match an identifier's requirements, newest first with an installed one that fits in front; a candidate's
 * dependencies; and which identifier to pin next.
 */
final class PipProvider {

    private final WheelFinder finder;
    private final ProjectSource source;
    private final MarkerEnvironment environment;
    private final Candidate python;
    private final Map<String, SpecifierSet> constraints;
    private final Map<String, DistributionMetadata> installed;
    private final Map<String, Integer> userRequested;
    /** pip keeps each identifier's latest inferred depth for the whole resolution, backtracking included. */
    private final Map<String, Double> knownDepths = new HashMap<>();
    private final Map<String, Candidate> indexCandidates = new HashMap<>();
    private final Map<String, Candidate> installedCandidates = new HashMap<>();
    private final Map<String, Candidate> extrasCandidates = new HashMap<>();
    private final Map<Candidate, List<Need>> dependencies = new HashMap<>();
    private final Set<String> warnings = new LinkedHashSet<>();

    PipProvider(WheelFinder finder, ProjectSource source, MarkerEnvironment environment, Version pythonVersion,
            Map<String, SpecifierSet> constraints, Map<String, DistributionMetadata> installed,
            Map<String, Integer> userRequested) {
        this.finder = finder;
        this.source = source;
        this.environment = environment;
        this.python = Candidate.python(pythonVersion);
        this.constraints = constraints;
        this.installed = installed;
        this.userRequested = userRequested;
    }

    WheelFinder finder() {
        return finder;
    }

    List<String> warnings() {
        return new ArrayList<>(warnings);
    }

    /** A requirement of a user or of a distribution as the resolver holds it. */
    Need need(Requirement requirement) {
        String name = requirement.normalizedName();
        if (requirement.url().isPresent()) {
            return new Need.Unsatisfiable(name, requirement + " (a direct URL; only wheels from the index are supported)");
        }
        return new Need.Specified(Identifiers.of(name, requirement.extras()), requirement);
    }

    /**
     * The candidates of {@code identifier} that every requirement on it accepts and that are not known to be
     * incompatible, in the order to try them (pip's {@code Factory.find_candidates}).
     */
    List<Candidate> findMatches(String identifier, Function<String, List<Need>> needsOf, Set<Candidate> incompatible) {
        Set<Candidate> explicit = new LinkedHashSet<>();
        List<Requirement> searched = new ArrayList<>();
        for (Need need : needsOf.apply(identifier)) {
            if (need.explicitCandidate() != null) {
                explicit.add(need.explicitCandidate());
            }
            if (need.searched() != null) {
                searched.add(need.searched());
            }
        }
        if (identifier.indexOf('[') > 0) {
            String base = Identifiers.projectOf(identifier);
            List<String> extras = List.of(identifier.substring(base.length() + 1, identifier.length() - 1).split(","));
            for (Need need : needsOf.apply(base)) {
                if (need.explicitCandidate() != null) {
                    explicit.add(extrasCandidate(need.explicitCandidate(), extras));
                }
            }
        }
        SpecifierSet constraint = constraintOf(identifier);
        if (explicit.isEmpty()) {
            return foundCandidates(searched, constraint, incompatible);
        }
        List<Need> needs = needsOf.apply(identifier);
        List<Candidate> matches = new ArrayList<>();
        for (Candidate candidate : explicit) {
            if (!incompatible.contains(candidate) && constraint.matchesEveryClause(candidate.version())
                    && needs.stream().allMatch(need -> need.isSatisfiedBy(candidate))) {
                matches.add(candidate);
            }
        }
        return matches;
    }

    /** pip looks constraints up by identifier, then by the project of {@code name[extra]}. */
    private SpecifierSet constraintOf(String identifier) {
        SpecifierSet constraint = constraints.get(identifier);
        if (constraint == null) {
            constraint = constraints.get(Identifiers.projectOf(identifier));
        }
        return constraint == null ? SpecifierSet.ANY : constraint;
    }

    /** pip's {@code _iter_found_candidates} with {@code FoundCandidates} preferring the installed distribution. */
    private List<Candidate> foundCandidates(List<Requirement> searched, SpecifierSet constraint,
            Set<Candidate> incompatible) {
        if (searched.isEmpty()) {
            return List.of();
        }
        String name = searched.get(0).normalizedName();
        SpecifierSet specifier = constraint;
        TreeSet<String> extraSet = new TreeSet<>();
        for (Requirement requirement : searched) {
            specifier = specifier.and(requirement.specifier());
            extraSet.addAll(requirement.extras());
        }
        List<String> extras = List.copyOf(extraSet);
        List<Candidate> found = new ArrayList<>();
        Set<Version> versionsFound = new HashSet<>();
        DistributionMetadata installedDistribution = installed.get(name);
        if (installedDistribution != null && specifier.matchesEveryClause(installedDistribution.version())) {
            Candidate candidate = wrap(installedCandidates.computeIfAbsent(name,
                    key -> Candidate.fromInstalled(key, installedDistribution)), extras);
            if (!incompatible.contains(candidate)) {
                found.add(candidate);
                versionsFound.add(candidate.version());
            }
        }
        List<IndexedFile> files = finder.applicable(name, specifier);
        boolean allYanked = files.stream().allMatch(IndexedFile::isYanked);
        boolean pinned = isPinned(specifier);
        for (IndexedFile file : files) {
            if (file.isYanked() && !(allYanked && pinned)) {
                continue;
            }
            if (!versionsFound.add(file.version())) {
                continue;
            }
            Candidate candidate = wrap(indexCandidates.computeIfAbsent(file.url(),
                    key -> Candidate.fromIndex(name, file)), extras);
            if (!incompatible.contains(candidate)) {
                found.add(candidate);
            }
        }
        return found;
    }

    /** PEP 592: a yanked file is taken only for {@code ===} or an {@code ==} without a wildcard. */
    private static boolean isPinned(SpecifierSet specifier) {
        for (Specifier clause : specifier.specifiers()) {
            if (clause.operator() == Specifier.Operator.ARBITRARY_EQUAL) {
                return true;
            }
            if (clause.operator() == Specifier.Operator.EQUAL && !clause.versionText().endsWith(".*")) {
                return true;
            }
        }
        return false;
    }

    private Candidate wrap(Candidate base, List<String> extras) {
        return extras.isEmpty() ? base : extrasCandidate(base, extras);
    }

    private Candidate extrasCandidate(Candidate base, List<String> extras) {
        List<String> sorted = List.copyOf(new TreeSet<>(extras));
        String key = base.kind() + "|" + base.identifier() + "|" + base.version() + "|"
                + (base.file() == null ? "" : base.file().url()) + "|" + sorted;
        return extrasCandidates.computeIfAbsent(key, ignored -> Candidate.withExtras(base, sorted));
    }

    /** What pinning {@code candidate} requires (pip's {@code iter_dependencies}), in metadata order. */
    List<Need> dependencies(Candidate candidate) {
        return dependencies.computeIfAbsent(candidate, this::computeDependencies);
    }

    private List<Need> computeDependencies(Candidate candidate) {
        List<Need> needs = new ArrayList<>();
        if (candidate.kind() == Candidate.Kind.PYTHON) {
            return needs;
        }
        DistributionMetadata metadata = metadataOf(candidate);
        if (candidate.hasExtras()) {
            needs.add(new Need.Explicit(candidate.base()));
            List<String> valid = new ArrayList<>();
            for (String extra : candidate.extras()) {
                if (metadata.providesExtra().stream().anyMatch(provided -> PackageName.normalize(provided).equals(extra))) {
                    valid.add(extra);
                } else {
                    warnings.add(candidate.name() + " " + candidate.version() + " does not provide the extra '"
                            + extra + "'");
                }
            }
            for (Requirement requirement : metadata.requiresDist()) {
                if (applies(requirement, valid)) {
                    needs.add(need(requirement));
                }
            }
            return needs;
        }
        for (Requirement requirement : metadata.requiresDist()) {
            if (applies(requirement, List.of())) {
                needs.add(need(requirement));
            }
        }
        if (candidate.kind() == Candidate.Kind.INDEX && metadata.requiresPython().isPresent()) {
            SpecifierSet requiresPython = parseRequiresPython(metadata.requiresPython().get());
            if (requiresPython != null && !requiresPython.isEmpty()) {
                needs.add(new Need.Python(requiresPython, python));
            }
        }
        return needs;
    }

    private DistributionMetadata metadataOf(Candidate candidate) {
        if (candidate.kind() == Candidate.Kind.INSTALLED) {
            return candidate.installed();
        }
        return source.metadata(candidate.name(), candidate.file());
    }

    /** A Requires-Python that does not parse constrains nothing (pip warns and goes on). */
    private static SpecifierSet parseRequiresPython(String text) {
        try {
            return SpecifierSet.parse(text);
        } catch (PackagingParseException unparseable) {
            return null;
        }
    }

    /** Markers are evaluated with {@code extra} empty, or, for the requested extras, once per extra. */
    boolean applies(Requirement requirement, List<String> extras) {
        if (requirement.marker().isEmpty()) {
            return true;
        }
        if (extras.isEmpty()) {
            return requirement.appliesTo(environment.withExtra(""));
        }
        for (String extra : extras) {
            if (requirement.appliesTo(environment.withExtra(extra))) {
                return true;
            }
        }
        return false;
    }

    /** pip's {@code get_preference}: the identifier to pin next is the least of these keys. */
    Preference preference(String identifier, List<Need.Information> information, List<Need.Information> causes) {
        boolean hasInformation = !information.isEmpty();
        boolean pinned = false;
        boolean unfree = false;
        for (Need.Information entry : information) {
            Requirement searched = entry.need().searched();
            if (searched == null) {
                continue;
            }
            for (Specifier clause : searched.specifier().specifiers()) {
                unfree = true;
                if (clause.operator() == Specifier.Operator.EQUAL
                        || clause.operator() == Specifier.Operator.ARBITRARY_EQUAL) {
                    pinned = true;
                }
            }
        }
        Integer requested = userRequested.get(identifier);
        double depth;
        if (requested != null) {
            depth = 1.0;
        } else if (hasInformation) {
            double shallowestParent = Double.POSITIVE_INFINITY;
            for (Need.Information entry : information) {
                double parentDepth = entry.parent() == null ? 0.0
                        : knownDepths.getOrDefault(entry.parent().identifier(), Double.POSITIVE_INFINITY);
                shallowestParent = Math.min(shallowestParent, parentDepth);
            }
            depth = shallowestParent + 1.0;
        } else {
            depth = Double.POSITIVE_INFINITY;
        }
        knownDepths.put(identifier, depth);
        boolean backtrackCause = false;
        for (Need.Information cause : causes) {
            if (identifier.equals(cause.need().identifier())
                    || (cause.parent() != null && identifier.equals(cause.parent().identifier()))) {
                backtrackCause = true;
                break;
            }
        }
        // pip 23.2 computes "direct" from a tuple that is never None: every identifier with information counts
        return new Preference(!identifier.equals(Identifiers.PYTHON), !hasInformation, !pinned, !backtrackCause,
                depth, requested == null ? Double.POSITIVE_INFINITY : requested, !unfree, identifier);
    }

    /** Compared field by field, false before true, as pip's tuple is. */
    record Preference(boolean notRequiresPython, boolean notDirect, boolean notPinned, boolean notBacktrackCause,
            double depth, double requestedOrder, boolean free, String identifier) implements Comparable<Preference> {
        @Override
        public int compareTo(Preference other) {
            int order = Boolean.compare(notRequiresPython, other.notRequiresPython);
            if (order == 0) {
                order = Boolean.compare(notDirect, other.notDirect);
            }
            if (order == 0) {
                order = Boolean.compare(notPinned, other.notPinned);
            }
            if (order == 0) {
                order = Boolean.compare(notBacktrackCause, other.notBacktrackCause);
            }
            if (order == 0) {
                order = Double.compare(depth, other.depth);
            }
            if (order == 0) {
                order = Double.compare(requestedOrder, other.requestedOrder);
            }
            if (order == 0) {
                order = Boolean.compare(free, other.free);
            }
            return order != 0 ? order : identifier.compareTo(other.identifier);
        }
    }
}
