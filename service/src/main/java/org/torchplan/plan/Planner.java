package org.torchplan.plan;

import org.torchplan.resolve.ProjectSource;
import java.util.ArrayList;
import org.torchplan.packaging.Requirement;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.torchplan.backend.BackendCandidates;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.CatalogAge;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.packaging.MarkerEnvironment;
import org.torchplan.packaging.OperatingSystem;
import org.torchplan.packaging.SupportedTags;
import org.torchplan.packaging.Target;
import org.torchplan.packaging.Version;
import org.torchplan.policy.FleetPolicy;

/**
 * Computes install plans: a pure function of (catalog snapshot, request, policy), with no I/O and no clock.
 *
 * <p>The selection rules are the ones in the README ("How a plan is chosen"); the comments below number them.
 * The only state is the index of installable files per (catalog entry, target), derived data safe to share.
 */
public final class Planner {

    private final InstallableFiles installableFiles = new InstallableFiles();

    /**
     * @throws PolicyViolationException when the request names a backend or channel the policy forbids
     * @throws UnplannableRequirementException for a requirement that cannot be pinned (a direct URL)
     * @throws UnsatisfiableRequestException when no candidate backend has a full set, with a reason per backend
     */
    public PlanResult plan(CatalogSnapshot catalog, PlanRequest request, FleetPolicy policy) {
        return plan(catalog, request, policy, null);
    }

    /**
     * A plan of the whole environment: the requirements besides PyTorch's are resolved with pip's semantics over
     * {@code thirdParty} (PyPI or the policy's mirror), and the newest torch is the newest the environment accepts.
     *
     * @param thirdParty the third-party index, or null to plan the PyTorch packages alone (the others are passed on
     *     to pip as asked)
     * @throws org.torchplan.catalog.index.UpstreamUnavailableException (from {@code thirdParty}) when a project the
     *     resolution needs cannot be read in time
     */
    public PlanResult plan(CatalogSnapshot catalog, PlanRequest request, FleetPolicy policy, ProjectSource thirdParty) {
        Channel channel = request.channel();
        if (!policy.allowsChannel(channel)) {
            throw new PolicyViolationException("torchplan.policy.allowed-channels",
                    "the fleet policy torchplan.policy.allowed-channels " + ids(policy.allowedChannels())
                            + " does not allow the " + channel.id() + " channel");
        }
        if (catalog.channel() != channel) {
            throw new IllegalArgumentException("a plan of the " + channel + " channel from a snapshot of the "
                    + catalog.channel() + " channel");
        }
        Target target = request.target();
        List<String> explanation = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        assumptions(target, warnings);
        MarkerEnvironment environment = target.markerEnvironment();
        // rule 2: the PyTorch packages asked for, torch always among them; false markers dropped
        RequestedPackages requested =
                RequestedPackages.of(request.requirements(), catalog.packages(), environment, explanation);
        ProjectSource resolving = thirdParty != null
                && (!requested.others().isEmpty() || !request.installed().isEmpty()) ? thirdParty : null;
        if (!requested.hasPytorchPackages()) {
            if (resolving == null || requested.others().isEmpty()) {
                return PlanAssembly.withoutPytorch(catalog, request, policy, requested, null, explanation, warnings);
            }
            PytorchDemand.Answer demand = PytorchDemand.of(request, catalog.packages(), resolving);
            if (demand.resolution() != null) {
                return PlanAssembly.withoutPytorch(catalog, request, policy, requested, demand.resolution(),
                        explanation, warnings);
            }
            explanation.add("the requirements need " + demand.pytorchPackage() + ": torch is planned from the PyTorch"
                    + " index for this machine, never taken from " + policy.pypiIndexUrl());
            List<Requirement> withTorch = new ArrayList<>(request.requirements());
            withTorch.add(Requirement.parse(RequestedPackages.TORCH));
            requested = RequestedPackages.of(withTorch, catalog.packages(), environment, new ArrayList<>());
        }
        // rule 1: candidate backends
        List<ComputeBackend> candidates = candidates(catalog, request, policy, explanation, warnings);
        String targetDescription = TargetDescription.of(target);
        PlanningContext context = new PlanningContext(catalog, channel, requested, tags(target), policy,
                environment, KernelCheck.of(request.gpu(), target), installableFiles, targetDescription, request,
                resolving);
        Optional<PlanResult> keeping = InstalledTorch.keep(context, candidates, request, policy, explanation, warnings);
        if (keeping.isPresent()) {
            return keeping.get();
        }
        // rules 3 and 4: the newest full set per candidate, as far as the strategy needs to look
        List<BackendSearch> searches = new ArrayList<>(candidates.size());
        List<PackageSet> sets = new ArrayList<>(candidates.size());
        for (int index = 0; index < candidates.size(); index++) {
            searches.add(null);
            sets.add(null);
        }
        int chosen = searchAccelerated(context, candidates, request.strategy(), searches, sets);
        if (chosen < 0) {
            chosen = searchCpu(context, candidates, searches, sets);
        }
        List<String> reasons = new ArrayList<>(searches.size());
        for (BackendSearch search : searches) {
            if (search == null) {
                continue;
            }
            for (String note : search.notes()) {
                if (!explanation.contains(note)) {
                    explanation.add(note);
                }
            }
            if (search.failure() != null) {
                reasons.add(search.failure());
            }
        }
        CatalogStatus catalogStatus = CatalogStatus.of(context.entriesRead(), catalog.base());
        if (chosen < 0) {
            throw new UnsatisfiableRequestException(
                    "no candidate backend has " + String.join(", ", describeAll(requested)) + " for "
                            + targetDescription, reasons, catalogStatus);
        }
        PackageSet set = sets.get(chosen);
        explainChoice(candidates, sets, searches, chosen, request, explanation, warnings);
        warnings.addAll(context.kernelWarnings(set.torchVersion(), set.backend()));
        catalogWarnings(context.entriesRead(), catalogStatus, warnings);
        return PlanAssembly.assemble(catalog, request, policy, requested, set, explanation, warnings, catalogStatus);
    }

    /** Rule 1: an explicit backend alone; else the hardware's candidates; then what the policy and kernels allow. */
    private static List<ComputeBackend> candidates(CatalogSnapshot catalog, PlanRequest request, FleetPolicy policy,
            List<String> explanation, List<String> warnings) {
        SortedSet<ComputeBackend> available = catalog.backends();
        if (request.backend().isPresent()) {
            ComputeBackend backend = request.backend().get();
            if (!policy.allowsBackend(backend)) {
                throw new PolicyViolationException("torchplan.policy.allowed-backends",
                        "the fleet policy torchplan.policy.allowed-backends " + ids(policy.allowedBackends())
                                + " does not allow the " + backend + " backend");
            }
            if (!available.contains(backend)) {
                throw new UnsatisfiableRequestException("the " + request.channel().id() + " index has no "
                        + backend + " backend", List.of(backend + ": not on the " + request.channel().id() + " index"));
            }
            explanation.add("backend " + backend + " as requested");
            return List.of(backend);
        }
        BackendCandidates hardware = BackendCandidates.of(request.gpu(), request.target().os(), available);
        explanation.addAll(hardware.explanations());
        warnings.addAll(hardware.warnings());
        List<ComputeBackend> allowed = new ArrayList<>(hardware.backends().size());
        List<ComputeBackend> forbidden = new ArrayList<>();
        for (ComputeBackend backend : hardware.backends()) {
            (policy.allowsBackend(backend) ? allowed : forbidden).add(backend);
        }
        if (!forbidden.isEmpty()) {
            explanation.add("policy torchplan.policy.allowed-backends " + ids(policy.allowedBackends())
                    + " excludes " + ids(forbidden));
        }
        if (allowed.isEmpty()) {
            throw new UnsatisfiableRequestException("the fleet policy allows none of this machine's backends",
                    List.of("policy torchplan.policy.allowed-backends " + ids(policy.allowedBackends())
                            + " excludes every candidate: " + ids(forbidden)));
        }
        return allowed;
    }

    /**
     * Rule 4 over the accelerated candidates, in order of preference. newest-torch keeps the newest torch, ties
     * going to the more preferred backend, and asks each later backend only for a newer torch; newest-backend stops
     * at the first backend with a full set.
     *
     * @return the index of the chosen candidate, or -1 when no accelerated candidate has a full set
     */
    private static int searchAccelerated(
            PlanningContext context, List<ComputeBackend> candidates, Strategy strategy, List<BackendSearch> searches,
            List<PackageSet> sets) {
        int chosen = -1;
        Version floor = null;
        for (int index = 0; index < candidates.size(); index++) {
            if (!candidates.get(index).isAccelerated()) {
                continue;
            }
            BackendSearch search = new BackendSearch(context, candidates.get(index));
            searches.set(index, search);
            PackageSet set = search.newestSet(floor).orElse(null);
            sets.set(index, set);
            if (set == null) {
                continue;
            }
            chosen = index;
            if (strategy == Strategy.NEWEST_BACKEND) {
                return chosen;
            }
            floor = set.torchVersion().publicVersion();
        }
        return chosen;
    }

    /** Rule 4: cpu only when no accelerated candidate has a full set. */
    private static int searchCpu(
            PlanningContext context, List<ComputeBackend> candidates, List<BackendSearch> searches,
            List<PackageSet> sets) {
        for (int index = 0; index < candidates.size(); index++) {
            if (candidates.get(index).isAccelerated()) {
                continue;
            }
            BackendSearch search = new BackendSearch(context, candidates.get(index));
            searches.set(index, search);
            sets.set(index, search.newestSet().orElse(null));
            if (sets.get(index) != null) {
                return index;
            }
        }
        return -1;
    }

    private static void explainChoice(
            List<ComputeBackend> candidates, List<PackageSet> sets, List<BackendSearch> searches, int chosen,
            PlanRequest request, List<String> explanation, List<String> warnings) {
        PackageSet set = sets.get(chosen);
        List<String> skipped = new ArrayList<>();
        List<String> skippedBackends = new ArrayList<>();
        for (int index = 0; index < chosen; index++) {
            if (candidates.get(index).isAccelerated()) {
                skippedBackends.add(candidates.get(index).toString());
                skipped.add(sets.get(index) == null
                        ? searches.get(index).failure()
                        : candidates.get(index) + ": newest set has torch " + sets.get(index).torchVersion());
            }
        }
        explanation.addAll(skipped);
        if (set.backend().isAccelerated()) {
            Version torch = set.torchVersion().publicVersion();
            explanation.add(request.strategy() == Strategy.NEWEST_BACKEND
                    ? "newest-backend: " + set.backend() + " is the most preferred candidate with a full set"
                    : skippedBackends.isEmpty()
                            ? "newest-torch: torch " + torch + " is the newest for this machine, on " + set.backend()
                            : "newest-torch: torch " + torch + " is not built for " + String.join("/", skippedBackends)
                                    + " for this machine; newest build it has for this machine: " + set.backend());
            return;
        }
        boolean acceleratedCandidates = false;
        for (ComputeBackend candidate : candidates) {
            acceleratedCandidates |= candidate.isAccelerated();
        }
        if (acceleratedCandidates) {
            warnings.add("the GPU goes unused: no accelerated backend has a full set for this machine ("
                    + String.join("; ", skipped) + "); planned cpu wheels");
        } else if (request.gpu().isPresent() && request.backend().isEmpty()) {
            warnings.add("the GPU goes unused: no accelerated backend is a candidate for it on "
                    + request.target().os().id() + "; planned cpu wheels");
        }
    }

    /**
     * A plan resting on data that is not a fresh live read says so: each stale entry with its reason, and data
     * from the embedded snapshot.
     */
    private static void catalogWarnings(List<PackageEntry> read, CatalogStatus status, List<String> warnings) {
        Map<String, List<String>> staleByReason = new LinkedHashMap<>();
        for (PackageEntry entry : read) {
            if (entry.isStale()) {
                staleByReason.computeIfAbsent(entry.staleReason(), reason -> new ArrayList<>())
                        .add(entry.channel().id() + "/" + entry.backend() + "/" + entry.packageName());
            }
        }
        staleByReason.forEach((reason, entries) -> warnings.add("catalog data of " + String.join(", ", entries)
                + " may be out of date: " + reason));
        if (status.source() == CatalogSource.SNAPSHOT) {
            warnings.add("planned " + CatalogAge.describe(status.source()) + " (recorded " + status.fetchedAt()
                    + "), not from a live read of the index; GET /catalog shows its state");
        }
    }

    /** Missing libc / macOS versions: the newest is assumed, and the caller is told. */
    private static void assumptions(Target target, List<String> warnings) {
        if (target.os() == OperatingSystem.LINUX && target.glibc().isEmpty()) {
            warnings.add("no glibc version given: assumed the newest, so manylinux wheels for any glibc qualify;"
                    + " send platform.glibc to rule out wheels this machine cannot load");
        }
        if (target.os() == OperatingSystem.MACOS && target.macos().isEmpty()) {
            warnings.add("no macOS version given: assumed the newest, so wheels for any macOS version qualify;"
                    + " send platform.macos to rule out wheels this machine cannot load");
        }
    }

    /** SupportedTags caches per target itself; a missing glibc or macOS version is the newest (Target says so). */
    private static SupportedTags tags(Target target) {
        return SupportedTags.of(target);
    }

    private static List<String> describeAll(RequestedPackages requested) {
        List<String> described = new ArrayList<>();
        for (String name : requested.pytorchNames()) {
            described.add(requested.describe(name));
        }
        return described;
    }

    private static String ids(List<?> values) {
        List<String> ids = new ArrayList<>(values.size());
        for (Object value : values) {
            ids.add(value instanceof Channel channel ? channel.id() : String.valueOf(value));
        }
        return "[" + String.join(", ", ids) + "]";
    }
}
