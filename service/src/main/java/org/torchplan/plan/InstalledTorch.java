package org.torchplan.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.OperatingSystem;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Version;
import org.torchplan.policy.FleetPolicy;

/**
 * A torch the target already has is kept when the request and the rest of the environment accept it and its
 * backend runs on this machine (a candidate, with kernels for the GPU): as pip, light-the-torch and uv leave a
 * working torch alone. Its backend is its local label ({@code 2.8.0+cpu}); a build without one names no backend
 * except on macOS, where every build is cpu. The plan says why it keeps or replaces it.
 */
final class InstalledTorch {

    private InstalledTorch() {
    }

    static Optional<PlanResult> keep(PlanningContext context, List<ComputeBackend> candidates, PlanRequest request,
            FleetPolicy policy, List<String> explanation, List<String> warnings) {
        Optional<Version> installed = installedTorch(request);
        if (installed.isEmpty()) {
            return Optional.empty();
        }
        Version version = installed.get();
        Optional<ComputeBackend> backend = backendOf(version, request);
        if (backend.isEmpty()) {
            explanation.add("replaces the installed torch " + version + ": a build without a local label names no"
                    + " backend, so it cannot be checked against this machine");
            return Optional.empty();
        }
        if (!candidates.contains(backend.get())) {
            explanation.add("replaces the installed torch " + version + ": its backend " + backend.get()
                    + " is not a candidate for this machine (or the policy's)");
            return Optional.empty();
        }
        List<Requirement> pinned = new ArrayList<>(request.requirements());
        pinned.add(Requirement.parse(RequestedPackages.TORCH + "==" + version));
        RequestedPackages requested = RequestedPackages.of(pinned, context.catalogPackages(), context.environment(),
                new ArrayList<>());
        PlanningContext keeping = context.withRequested(requested);
        BackendSearch search = new BackendSearch(keeping, backend.get());
        Optional<PackageSet> set = search.newestSet();
        if (set.isEmpty()) {
            explanation.add("replaces the installed torch " + version + ": " + search.failure());
            return Optional.empty();
        }
        search.notes().forEach(note -> {
            if (!explanation.contains(note)) {
                explanation.add(note);
            }
        });
        explanation.add("keeps the installed torch " + version + ": the requirements and the rest of the environment"
                + " accept it, and " + backend.get() + " runs on this machine");
        warnings.addAll(keeping.kernelWarnings(version, backend.get()));
        CatalogStatus status = CatalogStatus.of(keeping.entriesRead(), keeping.catalog().base());
        return Optional.of(PlanAssembly.assemble(keeping.catalog(), request, policy, requested, set.get(), explanation,
                warnings, status));
    }

    private static Optional<Version> installedTorch(PlanRequest request) {
        for (DistributionMetadata distribution : request.installed()) {
            if (PackageName.normalize(distribution.name()).equals(RequestedPackages.TORCH)) {
                return Optional.of(distribution.version());
            }
        }
        return Optional.empty();
    }

    private static Optional<ComputeBackend> backendOf(Version version, PlanRequest request) {
        String label = version.local();
        if (label == null) {
            return request.target().os() == OperatingSystem.MACOS ? Optional.of(ComputeBackend.CPU) : Optional.empty();
        }
        try {
            return Optional.of(ComputeBackend.parse(label));
        } catch (IllegalArgumentException notABackend) {
            return Optional.empty();
        }
    }
}
