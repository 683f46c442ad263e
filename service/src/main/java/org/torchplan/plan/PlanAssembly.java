package org.torchplan.plan;

import java.util.ArrayList;
import java.util.List;
import org.torchplan.resolve.ResolvedDistribution;
import org.torchplan.resolve.Resolution;
import java.util.LinkedHashSet;
import java.util.Set;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.packaging.Requirement;
import org.torchplan.policy.FleetPolicy;

/** Turns the chosen package set into the plan: exact pins (rule 5) and the install steps (rule 6). */
final class PlanAssembly {

    private PlanAssembly() {
    }

    static PlanResult assemble(
            CatalogSnapshot catalog,
            PlanRequest request,
            FleetPolicy policy,
            RequestedPackages requested,
            PackageSet set,
            List<String> explanation,
            List<String> warnings,
            CatalogStatus catalogStatus) {
        String root = policy.indexUrl() != null ? policy.indexUrl() : withoutTrailingSlash(catalog.indexRoot());
        if (policy.indexUrl() != null) {
            explanation.add("policy torchplan.policy.index-url: the PyTorch step reads " + root
                    + " instead of " + withoutTrailingSlash(catalog.indexRoot()));
        }
        String indexUrl = root + "/" + request.channel().pathPrefix() + set.backend();
        boolean preReleases = request.channel() != Channel.STABLE;
        if (set.environment() != null) {
            return EnvironmentAssembly.assemble(catalog, request, policy, requested, set, indexUrl, explanation,
                    warnings, catalogStatus);
        }

        List<PlannedPackage> packages = new ArrayList<>(set.picks().size());
        List<String> pins = new ArrayList<>(set.picks().size());
        List<String> barePins = new ArrayList<>(set.picks().size());
        for (PackageSet.Pick pick : set.picks()) {
            IndexedFile file = pick.file();
            String version = file.version().toString();
            String pin = pick.name() + extras(requested.extrasFor(pick.name())) + "==" + version;
            packages.add(new PlannedPackage(pick.name(), version, file.filename().toString(), file.url(),
                    file.sha256(), pin, pick.acceptableSha256()));
            pins.add(pin);
            barePins.add(pick.name() + "==" + version);
        }

        List<String> others = new ArrayList<>(requested.others().size());
        for (Requirement requirement : requested.others()) {
            others.add(requirement.toString());
        }
        List<InstallStep> steps = steps(request, policy, set, indexUrl, pins, others, barePins,
                "Other requirements from ", explanation);
        return new PlanResult(set.backend(), request.channel(), packages, steps, explanation, warnings,
                catalogStatus, indexUrl, preReleases, others, policy.pypiIndexUrl());
    }

    /**
     * The plan when no PyTorch package is asked for on this machine (none named, or only under markers false
     * here) and the environment needs none: nothing comes from the PyTorch index, as pip would install nothing from
     * it either. Other requirements install from PyPI (or the policy's mirror): pinned as resolved when
     * {@code resolution} is given, else as asked.
     */
    static PlanResult withoutPytorch(
            CatalogSnapshot catalog,
            PlanRequest request,
            FleetPolicy policy,
            RequestedPackages requested,
            Resolution resolution,
            List<String> explanation,
            List<String> warnings) {
        List<String> others = new ArrayList<>(requested.others().size());
        List<LockedPackage> locked = new ArrayList<>();
        if (resolution != null) {
            List<String> kept = new ArrayList<>();
            for (ResolvedDistribution distribution : resolution.distributions()) {
                IndexedFile wheel = distribution.wheel().orElse(null);
                boolean pytorch = catalog.packages().contains(distribution.name());
                locked.add(new LockedPackage(distribution.name(), distribution.version().toString(),
                        wheel == null ? null : wheel.filename().toString(), wheel == null ? null : wheel.url(),
                        wheel == null ? null : wheel.sha256(), EnvironmentAssembly.digests(distribution.installableFiles()),
                        pytorch ? LockedPackage.PYTORCH_INDEX : LockedPackage.THIRD_PARTY_INDEX,
                        distribution.reasons(), distribution.keptInstalled(), true));
                if (distribution.keptInstalled()) {
                    kept.add(distribution.name() + " " + distribution.version());
                } else {
                    others.add(distribution.name() + extras(new LinkedHashSet<>(distribution.extras())) + "=="
                            + distribution.version());
                }
            }
            explanation.add("resolved the whole environment as pip does: " + locked.size() + " distributions from "
                    + policy.pypiIndexUrl());
            if (!kept.isEmpty()) {
                explanation.add("keeps what is installed and fits: " + String.join(", ", kept));
            }
            warnings.addAll(resolution.warnings());
        } else {
            for (Requirement requirement : requested.others()) {
                others.add(requirement.toString());
            }
        }
        List<InstallStep> steps = new ArrayList<>(1);
        if (others.isEmpty()) {
            explanation.add(requested.others().isEmpty() ? "no requirement applies to this machine: nothing to install"
                    : "everything asked for is installed already: nothing to install");
        } else {
            explanation.add("no PyTorch package is needed on this machine: nothing comes from the PyTorch index");
            if (resolution == null) {
                warnings.add("the requirements are installed from " + policy.pypiIndexUrl() + " as asked, without"
                        + " resolving them first: if one of them needs torch, add torch to the request so that it"
                        + " comes from the right backend's index, not from " + policy.pypiIndexUrl());
            }
            steps.add(new InstallStep("Requirements from " + policy.pypiIndexUrl(),
                    InstallCommands.argv(request.installer(), policy.pypiIndexUrl(), false, others)));
        }
        return new PlanResult(null, request.channel(), List.of(), steps, explanation, warnings, catalog.base(),
                null, false, others, policy.pypiIndexUrl(), locked);
    }

    /**
     * Step 1, the PyTorch pins from the backend's index; step 2, when there are other requirements, those from the
     * third-party index restating the PyTorch pins, so the installer keeps step 1's wheels or fails loudly.
     */
    static List<InstallStep> steps(PlanRequest request, FleetPolicy policy, PackageSet set, String indexUrl,
            List<String> pytorchPins, List<String> others, List<String> barePins, String secondStepTitle,
            List<String> explanation) {
        boolean preReleases = request.channel() != Channel.STABLE;
        List<InstallStep> steps = new ArrayList<>(2);
        steps.add(new InstallStep(
                "PyTorch packages from the " + set.backend() + " index"
                        + (preReleases ? " (" + request.channel().id() + " channel, pre-releases)" : ""),
                InstallCommands.argv(request.installer(), indexUrl, preReleases, pytorchPins)));
        if (others.isEmpty()) {
            return steps;
        }
        if (!FleetPolicy.PYPI_INDEX_URL.equals(policy.pypiIndexUrl())) {
            explanation.add("policy torchplan.policy.pypi-index-url: other requirements come from "
                    + policy.pypiIndexUrl());
        }
        List<String> secondStep = new ArrayList<>(others);
        secondStep.addAll(barePins);
        steps.add(new InstallStep(secondStepTitle + policy.pypiIndexUrl() + ", keeping the PyTorch pins",
                InstallCommands.argv(request.installer(), policy.pypiIndexUrl(), false, secondStep)));
        return steps;
    }

    static String extras(Set<String> extras) {
        return extras.isEmpty() ? "" : "[" + String.join(",", extras) + "]";
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
