package org.torchplan.resolve;

import java.util.List;
import java.util.Objects;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Target;

/**
 * Everything one resolution depends on; the resolver reads nothing else.
 *
 * @param requirements the root requirements, in the order the user gave them (the order breaks ties, as in pip)
 * @param target the machine: its tags decide which wheels install, its marker environment which requirements apply,
 *     its Python version which files' Requires-Python admit it
 * @param source the index (or indexes, routed by name) the projects are read from
 * @param installed what the target already has (name, version and what it requires); pip without
 *     {@code --upgrade} keeps an installed distribution whenever every requirement on it accepts it
 * @param allowPrereleases pip's {@code --pre}
 * @param constraints pip's {@code -c} file: each restricts the versions of its project when something requires the
 *     project, and adds nothing by itself; markers apply, extras and URLs are refused (pip refuses them too)
 */
public record ResolutionRequest(
        List<Requirement> requirements,
        Target target,
        ProjectSource source,
        List<DistributionMetadata> installed,
        boolean allowPrereleases,
        List<Requirement> constraints) {

    public ResolutionRequest {
        requirements = List.copyOf(requirements);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        installed = List.copyOf(installed);
        constraints = List.copyOf(constraints);
    }

    /** Requirements on an empty target, final releases only, no constraints. */
    public static ResolutionRequest of(List<Requirement> requirements, Target target, ProjectSource source) {
        return new ResolutionRequest(requirements, target, source, List.of(), false, List.of());
    }

    public ResolutionRequest withInstalled(List<DistributionMetadata> installedDistributions) {
        return new ResolutionRequest(requirements, target, source, installedDistributions, allowPrereleases,
                constraints);
    }

    public ResolutionRequest withPrereleases(boolean allow) {
        return new ResolutionRequest(requirements, target, source, installed, allow, constraints);
    }

    public ResolutionRequest withConstraints(List<Requirement> extraConstraints) {
        return new ResolutionRequest(requirements, target, source, installed, allowPrereleases, extraConstraints);
    }
}
