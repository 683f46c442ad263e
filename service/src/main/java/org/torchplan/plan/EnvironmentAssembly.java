package org.torchplan.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PytorchIndex;
import org.torchplan.policy.FleetPolicy;
import org.torchplan.resolve.Resolution;
import org.torchplan.resolve.ResolvedDistribution;

/**
 * Turns a set whose environment was resolved into the plan: every distribution pinned (the lock), the PyTorch ones
 * installed from the backend's index in step 1, the rest from the third-party index in step 2 restating the PyTorch
 * pins, and installed distributions the resolution keeps left alone.
 */
final class EnvironmentAssembly {

    private EnvironmentAssembly() {
    }

    static PlanResult assemble(
            CatalogSnapshot catalog,
            PlanRequest request,
            FleetPolicy policy,
            RequestedPackages requested,
            PackageSet set,
            String indexUrl,
            List<String> explanation,
            List<String> warnings,
            CatalogStatus catalogStatus) {
        Resolution resolution = set.environment().resolution();
        boolean preReleases = request.channel() != Channel.STABLE;
        List<PlannedPackage> packages = new ArrayList<>();
        List<String> pytorchPins = new ArrayList<>();
        List<String> barePins = new ArrayList<>();
        for (PackageSet.Pick pick : set.picks()) {
            IndexedFile file = pick.file();
            String pin = pick.name() + PlanAssembly.extras(requested.extrasFor(pick.name())) + "==" + file.version();
            packages.add(new PlannedPackage(pick.name(), file.version().toString(), file.filename().toString(),
                    file.url(), file.sha256(), pin, pick.acceptableSha256()));
            pytorchPins.add(pin);
            barePins.add(pick.name() + "==" + file.version());
        }
        List<LockedPackage> locked = new ArrayList<>(resolution.distributions().size());
        List<String> thirdPartyPins = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        int fromPytorch = 0;
        for (ResolvedDistribution distribution : resolution.distributions()) {
            String name = distribution.name();
            boolean pytorch = fromPytorchIndex(catalog, set, name);
            String pin = name + PlanAssembly.extras(new LinkedHashSet<>(distribution.extras())) + "=="
                    + distribution.version();
            IndexedFile wheel = distribution.wheel().orElse(null);
            List<String> digests = digests(distribution.installableFiles());
            locked.add(new LockedPackage(name, distribution.version().toString(),
                    wheel == null ? null : wheel.filename().toString(), wheel == null ? null : wheel.url(),
                    wheel == null ? null : wheel.sha256(), digests,
                    pytorch ? LockedPackage.PYTORCH_INDEX : LockedPackage.THIRD_PARTY_INDEX,
                    distribution.reasons(), distribution.keptInstalled(),
                    !set.environment().unknownDependencies().contains(name)));
            if (pytorch) {
                fromPytorch++;
                if (!requested.pytorchNames().contains(name) && wheel != null) {
                    // pulled in by a third-party package (timm needs torchvision): still this backend's build
                    packages.add(new PlannedPackage(name, distribution.version().toString(),
                            wheel.filename().toString(), wheel.url(), wheel.sha256(), pin, digests));
                    pytorchPins.add(pin);
                    barePins.add(name + "==" + distribution.version());
                    explanation.add(name + " " + distribution.version() + " from the " + set.backend() + " index: "
                            + String.join("; ", distribution.reasons()));
                }
            } else if (distribution.keptInstalled()) {
                kept.add(name + " " + distribution.version());
            } else {
                thirdPartyPins.add(pin);
            }
        }
        explanation.add("resolved the whole environment as pip does: " + locked.size() + " distributions, "
                + fromPytorch + " from the " + set.backend() + " index and " + (locked.size() - fromPytorch)
                + " from " + policy.pypiIndexUrl());
        if (!kept.isEmpty()) {
            explanation.add("keeps what is installed and fits: " + String.join(", ", kept));
        }
        warnings.addAll(resolution.warnings());
        if (!set.environment().unknownDependencies().isEmpty()) {
            warnings.add("the dependencies of " + String.join(", ", set.environment().unknownDependencies())
                    + " are not known (the index serves no metadata file for these wheels): pip resolves them when"
                    + " step 1 runs, and the environment lists only what is known");
        }
        List<InstallStep> steps = PlanAssembly.steps(request, policy, set, indexUrl, pytorchPins, thirdPartyPins,
                barePins, "The rest of the environment from ", explanation);
        return new PlanResult(set.backend(), request.channel(), packages, steps, explanation, warnings,
                catalogStatus, indexUrl, preReleases, thirdPartyPins, policy.pypiIndexUrl(), locked);
    }

    /** Whether the resolution read {@code name} from the backend's index (see {@link EnvironmentSource}). */
    static boolean fromPytorchIndex(CatalogSnapshot catalog, PackageSet set, String name) {
        return catalog.packages().contains(name) && !(PytorchIndex.SAME_BUILDS_ON_PYPI.contains(name)
                && catalog.entry(set.backend(), name).files().isEmpty());
    }

    /** The digests of the files pip may take, once each: one per file name (pip takes one link of a name). */
    static List<String> digests(List<IndexedFile> files) {
        Set<String> names = new LinkedHashSet<>();
        List<String> digests = new ArrayList<>(files.size());
        for (IndexedFile file : files) {
            if (names.add(file.filename().toString()) && file.sha256() != null && !digests.contains(file.sha256())) {
                digests.add(file.sha256());
            }
        }
        return digests;
    }
}
