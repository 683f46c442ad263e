package org.torchplan.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.MarkerEnvironment;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.SpecifierSet;
import org.torchplan.packaging.SupportedTags;

/**
 * Resolves the whole requirement set of one target machine as pip 23.2 does ({@code pip install} without
 * {@code --upgrade}, binary wheels only): the same candidates in the same order, the same pin order and the same
 * backjumping, so that where several environments would do it picks pip's. Pure: everything comes from the
 * {@link ResolutionRequest}; a resolution is not thread-safe but a resolver holds no state between calls.
 */
public final class Resolver {

    private Resolver() {
    }

    /**
     * The environment pip would install.
     *
     * @throws ResolutionImpossibleException when no environment satisfies the requirements (a
     *     {@link ProjectNotFoundException} or {@link NoCompatibleWheelException} when that is why)
     * @throws UnsupportedRequirementException for a direct URL root requirement, or a constraint with extras or a URL
     */
    public static Resolution resolve(ResolutionRequest request) {
        MarkerEnvironment environment = request.target().markerEnvironment();
        Map<String, Integer> userRequested = new HashMap<>();
        List<Need> roots = new ArrayList<>();
        Map<String, SpecifierSet> constraints = constraints(request.constraints(), environment);
        Map<String, DistributionMetadata> installed = new HashMap<>();
        for (DistributionMetadata distribution : request.installed()) {
            installed.put(PackageName.normalize(distribution.name()), distribution);
        }
        WheelFinder finder = new WheelFinder(request.source(), SupportedTags.of(request.target()),
                request.target().python(), request.allowPrereleases());
        PipProvider provider = new PipProvider(finder, request.source(), environment,
                request.target().python().fullVersion(), constraints, installed, userRequested);
        List<Requirement> requirements = request.requirements();
        for (int index = 0; index < requirements.size(); index++) {
            Requirement requirement = requirements.get(index);
            if (requirement.url().isPresent()) {
                throw new UnsupportedRequirementException("'" + requirement + "' names a direct URL; only wheels"
                        + " from the index are supported (give a name and version clauses instead)");
            }
            if (!provider.applies(requirement, List.of())) {
                continue;
            }
            Need need = provider.need(requirement);
            userRequested.putIfAbsent(need.identifier(), index);
            roots.add(need);
        }
        ResolutionLoop.State state;
        try {
            state = new ResolutionLoop(provider).resolve(roots);
        } catch (ResolutionLoop.Impossible impossible) {
            throw new FailureExplanation(finder, request.target()).explain(impossible);
        }
        return result(state, provider);
    }

    private static Map<String, SpecifierSet> constraints(List<Requirement> constraints, MarkerEnvironment environment) {
        Map<String, SpecifierSet> byName = new HashMap<>();
        for (Requirement constraint : constraints) {
            if (constraint.url().isPresent() || !constraint.extras().isEmpty()) {
                throw new UnsupportedRequirementException("constraint '" + constraint
                        + "' may not name extras or a URL, only a project and version clauses");
            }
            if (!constraint.appliesTo(environment.withExtra(""))) {
                continue;
            }
            byName.merge(constraint.normalizedName(), constraint.specifier(), SpecifierSet::and);
        }
        return byName;
    }

    private static Resolution result(ResolutionLoop.State state, PipProvider provider) {
        Map<String, ResolutionLoop.Criterion> criteria = state.criteria;
        Map<Candidate, String> keyOf = new HashMap<>();
        state.mapping.forEach((key, candidate) -> keyOf.put(candidate, key));
        Set<String> connected = new HashSet<>();
        for (String key : criteria.keySet()) {
            hasRouteToRoot(criteria, key, keyOf, connected, new HashSet<>());
        }
        Map<String, TreeSet<String>> extrasByName = new LinkedHashMap<>();
        List<Candidate> bases = new ArrayList<>();
        for (Map.Entry<String, Candidate> entry : state.mapping.entrySet()) {
            Candidate candidate = entry.getValue();
            if (!connected.contains(entry.getKey()) || candidate.kind() == Candidate.Kind.PYTHON) {
                continue;
            }
            extrasByName.computeIfAbsent(candidate.name(), name -> new TreeSet<>()).addAll(candidate.extras());
            if (!candidate.hasExtras()) {
                bases.add(candidate);
            }
        }
        List<String> warnings = new ArrayList<>(provider.warnings());
        List<ResolvedDistribution> distributions = new ArrayList<>();
        for (Candidate candidate : bases) {
            boolean kept = candidate.kind() == Candidate.Kind.INSTALLED;
            Optional<IndexedFile> wheel = kept ? Optional.empty() : Optional.of(candidate.file());
            List<IndexedFile> files = new ArrayList<>();
            boolean yankedChosen = wheel.map(IndexedFile::isYanked).orElse(false);
            for (IndexedFile file : provider.finder().installable(candidate.name())) {
                if (file.version().equals(candidate.version()) && (yankedChosen || !file.isYanked())) {
                    files.add(file);
                }
            }
            if (yankedChosen) {
                String reason = wheel.get().yanked();
                warnings.add(candidate.name() + " " + candidate.version() + " is yanked"
                        + (reason.isEmpty() ? "" : " (" + reason + ")") + "; taken because it was pinned with ==");
            }
            distributions.add(new ResolvedDistribution(candidate.name(), candidate.version(),
                    List.copyOf(extrasByName.get(candidate.name())), wheel, files,
                    reasons(criteria, candidate.name()), kept));
        }
        return new Resolution(distributions, warnings);
    }

    /** resolvelib keeps only pins some chain of requirements leads to from the user's (its {@code _build_result}). */
    private static boolean hasRouteToRoot(Map<String, ResolutionLoop.Criterion> criteria, String key,
            Map<Candidate, String> keyOf, Set<String> connected, Set<String> visiting) {
        if (connected.contains(key)) {
            return true;
        }
        ResolutionLoop.Criterion criterion = criteria.get(key);
        if (criterion == null || !visiting.add(key)) {
            return false;
        }
        for (Need.Information information : criterion.information()) {
            if (information.parent() == null) {
                connected.add(key);
                return true;
            }
            String parentKey = keyOf.get(information.parent());
            if (parentKey == null) {
                continue;
            }
            if (hasRouteToRoot(criteria, parentKey, keyOf, connected, visiting)) {
                connected.add(key);
                return true;
            }
        }
        return false;
    }

    /** Every requirement on the project (with or without extras), but not an extras node's need of its own base. */
    static List<String> reasons(Map<String, ResolutionLoop.Criterion> criteria, String name) {
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<String, ResolutionLoop.Criterion> entry : criteria.entrySet()) {
            if (!Identifiers.projectOf(entry.getKey()).equals(name)) {
                continue;
            }
            for (Need.Information information : entry.getValue().information()) {
                if (information.need() instanceof Need.Explicit && information.parent() != null
                        && information.parent().name().equals(name)) {
                    continue;
                }
                String reason = describe(information);
                if (!reasons.contains(reason)) {
                    reasons.add(reason);
                }
            }
        }
        return reasons;
    }

    /** {@code root (torch==2.12.0)} or {@code torchvision 0.27.0 requires torch==2.12.0}. */
    static String describe(Need.Information information) {
        if (information.parent() == null) {
            return "root (" + information.need().describe() + ")";
        }
        return information.parent() + " requires " + information.need().describe();
    }
}
