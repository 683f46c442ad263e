package org.torchplan.plan;

import java.util.List;
import java.util.Optional;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.CatalogView;
import org.torchplan.catalog.Channel;
import org.torchplan.catalog.CompanionPairing;
import org.torchplan.catalog.IndexedFile;
import org.torchplan.packaging.MarkerEnvironment;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.SupportedTags;
import org.torchplan.packaging.Version;
import org.torchplan.policy.FleetPolicy;

/** What every backend search of one plan shares: the catalog, the target, the requirements and the policy. */
final class PlanningContext {

    private final CatalogView catalog;
    private final Channel channel;
    private final RequestedPackages requested;
    private final SupportedTags tags;
    private final FleetPolicy policy;
    private final MarkerEnvironment environment;
    private final KernelCheck kernels;
    private final String targetDescription;

    PlanningContext(
            CatalogView catalog,
            Channel channel,
            RequestedPackages requested,
            SupportedTags tags,
            FleetPolicy policy,
            MarkerEnvironment environment,
            KernelCheck kernels,
            String targetDescription) {
        this.catalog = catalog;
        this.channel = channel;
        this.requested = requested;
        this.tags = tags;
        this.policy = policy;
        this.environment = environment;
        this.kernels = kernels;
        this.targetDescription = targetDescription;
    }

    List<IndexedFile> files(ComputeBackend backend, String packageName) {
        return catalog.entry(channel, backend, packageName).files();
    }

    /** Whether the wheel installs on the target at all (tags, not yanked), whatever the requirements say. */
    boolean installs(IndexedFile file) {
        return !file.isYanked() && tags.supports(file.filename());
    }

    /**
     * Rule 3: its tags install on the target, its version satisfies every requirement naming the package, it is not
     * yanked, and it is a pre-release only where pre-releases are allowed.
     */
    boolean qualifies(IndexedFile file, List<Requirement> requirements, boolean preReleases) {
        if (file.isYanked()) {
            return false;
        }
        Version version = file.version();
        if (!preReleases && version.isPrerelease()) {
            return false;
        }
        for (int index = 0; index < requirements.size(); index++) {
            if (!requirements.get(index).specifier().contains(version, preReleases)) {
                return false;
            }
        }
        return tags.supports(file.filename());
    }

    /** Pre-releases qualify on the test and nightly channels, or when a specifier for the package names one. */
    boolean allowsPreReleases(String packageName) {
        if (channel != Channel.STABLE) {
            return true;
        }
        for (Requirement requirement : requested.requirementsFor(packageName)) {
            if (requirement.specifier().namesPrerelease()) {
                return true;
            }
        }
        return false;
    }

    Optional<String> missingKernels(Version torch, ComputeBackend backend) {
        return kernels.missingKernels(torch, backend);
    }

    /** The GPU's compute capability as given, for explanations; only called when kernels were found missing. */
    String computeCapability() {
        return kernels.computeCapability();
    }

    CompanionPairing pairing() {
        return catalog.pairing();
    }

    Channel channel() {
        return channel;
    }

    RequestedPackages requested() {
        return requested;
    }

    SupportedTags tags() {
        return tags;
    }

    FleetPolicy policy() {
        return policy;
    }

    MarkerEnvironment environment() {
        return environment;
    }

    String targetDescription() {
        return targetDescription;
    }
}
