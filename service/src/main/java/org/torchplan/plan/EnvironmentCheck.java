package org.torchplan.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.PackageName;
import org.torchplan.resolve.NoCompatibleWheelException;
import org.torchplan.resolve.ProjectNotFoundException;
import org.torchplan.resolve.Resolution;
import org.torchplan.resolve.ResolutionImpossibleException;
import org.torchplan.resolve.ResolutionRequest;
import org.torchplan.resolve.Resolver;

/**
 * Whether the whole environment installs with one candidate set of PyTorch wheels: the request's requirements
 * resolved as pip resolves them, PyTorch packages from the set's backend index, the rest from the third-party index.
 */
final class EnvironmentCheck {

    /**
     * @param resolution the environment, or null when it does not resolve with this set
     * @param failure why not, in words (the conflict), or null
     * @param unknownDependencies PyTorch packages whose own dependencies are unknown (no metadata file)
     */
    record Checked(Resolution resolution, String failure, Set<String> unknownDependencies) {}

    private EnvironmentCheck() {
    }

    /**
     * @throws UnsatisfiableRequestException when a third-party project is missing or has no wheel for the target:
     *     no set of PyTorch wheels changes that
     */
    static Checked check(PlanningContext context, PackageSet set) {
        EnvironmentSource source = new EnvironmentSource(context, set, context.thirdParty());
        ResolutionRequest request = new ResolutionRequest(context.request().requirements(), context.request().target(),
                source, thirdPartyInstalled(context), false, List.of());
        try {
            Resolution resolution = Resolver.resolve(request);
            return new Checked(resolution, null, Set.copyOf(source.unknownDependencies()));
        } catch (ProjectNotFoundException missing) {
            if (!context.catalogPackages().contains(missing.project())) {
                throw new UnsatisfiableRequestException(missing.getMessage(), List.of(missing.getMessage()));
            }
            return new Checked(null, missing.getMessage(), Set.of());
        } catch (NoCompatibleWheelException noWheel) {
            if (!context.catalogPackages().contains(noWheel.project())) {
                throw new UnsatisfiableRequestException(noWheel.getMessage(), List.of(noWheel.getMessage()));
            }
            return new Checked(null, noWheel.getMessage(), Set.of());
        } catch (ResolutionImpossibleException conflict) {
            return new Checked(null, conflict.getMessage(), Set.of());
        }
    }

    /** Installed PyTorch packages are the planner's to keep or replace; the resolver keeps the others it can. */
    private static List<DistributionMetadata> thirdPartyInstalled(PlanningContext context) {
        List<DistributionMetadata> installed = new ArrayList<>();
        for (DistributionMetadata distribution : context.request().installed()) {
            if (!context.catalogPackages().contains(PackageName.normalize(distribution.name()))) {
                installed.add(distribution);
            }
        }
        return installed;
    }
}
