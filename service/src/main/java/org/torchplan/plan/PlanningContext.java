package org.torchplan.plan;

import java.util.Set;
import org.torchplan.resolve.ProjectSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.CompanionPairing;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.packaging.MarkerEnvironment;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.SupportedTags;
import org.torchplan.packaging.Version;
import org.torchplan.policy.FleetPolicy;

/** What every backend search of one plan shares: the catalog, the target, the requirements and the policy. */
final class PlanningContext {

    private final CatalogSnapshot catalog;
    private final Channel channel;
    private final RequestedPackages requested;
    private final SupportedTags tags;
    private final FleetPolicy policy;
    private final MarkerEnvironment environment;
    private final KernelCheck kernels;
    private final InstallableFiles installableFiles;
    private final String targetDescription;
    private final PlanRequest request;
    /** The third-party index (PyPI or the policy's mirror), or null when the environment is not resolved. */
    private final ProjectSource thirdParty;
    /** Every entry this plan read, in order, once each: what the plan's catalog status rests on. */
    private final List<PackageEntry> entriesRead = new ArrayList<>(4);

    PlanningContext(
            CatalogSnapshot catalog,
            Channel channel,
            RequestedPackages requested,
            SupportedTags tags,
            FleetPolicy policy,
            MarkerEnvironment environment,
            KernelCheck kernels,
            InstallableFiles installableFiles,
            String targetDescription,
            PlanRequest request,
            ProjectSource thirdParty) {
        this.catalog = catalog;
        this.channel = channel;
        this.requested = requested;
        this.tags = tags;
        this.policy = policy;
        this.environment = environment;
        this.kernels = kernels;
        this.installableFiles = installableFiles;
        this.targetDescription = targetDescription;
        this.request = request;
        this.thirdParty = thirdParty;
    }

    /** The same plan's context for other requested packages (the installed torch pinned, say). */
    PlanningContext withRequested(RequestedPackages other) {
        return new PlanningContext(catalog, channel, other, tags, policy, environment, kernels, installableFiles,
                targetDescription, request, thirdParty);
    }

    /** Whether each candidate set must also carry the rest of the environment (third-party requirements). */
    boolean resolvesEnvironment() {
        return thirdParty != null;
    }

    ProjectSource thirdParty() {
        return thirdParty;
    }

    PlanRequest request() {
        return request;
    }

    CatalogSnapshot catalog() {
        return catalog;
    }

    /** The names the PyTorch index is read for (the catalog's package set). */
    Set<String> catalogPackages() {
        return catalog.packages();
    }

    PackageEntry entry(ComputeBackend backend, String packageName) {
        PackageEntry entry = catalog.entry(backend, packageName);
        for (int index = 0; index < entriesRead.size(); index++) {
            PackageEntry read = entriesRead.get(index);
            if (read.backend().equals(entry.backend()) && read.packageName().equals(entry.packageName())) {
                return entry;
            }
        }
        entriesRead.add(entry);
        return entry;
    }

    /** The entries read so far by this plan's searches. */
    List<PackageEntry> entriesRead() {
        return entriesRead;
    }

    /**
     * Rule 3, first half: the positions of the entry's files whose tags install on the target, whose Requires-Python
     * admits the target's Python (an unparseable one admits it, as pip ignores it), and not yanked.
     */
    int[] installable(PackageEntry entry) {
        return installableFiles.of(entry, tags);
    }

    /**
     * Rule 3, second half, for a file that installs: its version satisfies every requirement naming the package,
     * and it is a pre-release only where pre-releases are allowed.
     */
    boolean satisfies(IndexedFile file, List<Requirement> requirements, boolean preReleases) {
        Version version = file.version();
        if (!preReleases && version.isPrerelease()) {
            return false;
        }
        for (int index = 0; index < requirements.size(); index++) {
            if (!requirements.get(index).specifier().contains(version, preReleases)) {
                return false;
            }
        }
        return true;
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

    /** The GPU as explanations name it ("compute capability 6.1", "gfx90a"); only called when kernels are missing. */
    String device() {
        return kernels.device();
    }

    /** What the plan must say about the GPU if it installs {@code torch} on {@code backend}. */
    List<String> kernelWarnings(Version torch, ComputeBackend backend) {
        return kernels.warnings(torch, backend);
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
