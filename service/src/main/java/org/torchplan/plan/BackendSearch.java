package org.torchplan.plan;

import java.util.ArrayList;
import java.util.List;
import org.torchplan.packaging.WheelFilename;
import java.util.Set;
import java.util.Collections;
import java.util.HashSet;
import java.util.Optional;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.CompanionPairing;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.SupportedTags;
import org.torchplan.packaging.Version;

/**
 * Finds the newest full set of qualifying wheels on one backend.
 *
 * <p>Walks the torch files that install on the target, newest first, and stops at the first torch version for
 * which every asked companion has a qualifying wheel paired with it. A companion is paired with a torch only on
 * evidence (PEP 658 metadata pin, nightly build date, release table): a torch version none of them pairs a companion
 * with is not a full set, and the walk goes on to older ones. Files of one version are adjacent in a catalog
 * entry, so a rejected version is skipped as a block. Nothing is allocated per file: only a found set and the
 * explanation lines are built.
 */
final class BackendSearch {

    private final PlanningContext context;
    private final ComputeBackend backend;
    private final List<String> notes = new ArrayList<>(2);
    private String failure;
    /** The oldest and newest torch versions whose builds here lack kernels for the GPU, for one summary line. */
    private Version oldestWithoutKernels;
    private Version newestWithoutKernels;
    /** Why the newest of them lacks kernels, in a few words. */
    private String newestWithoutKernelsReason;
    /** Whether the search ended on a torch without kernels: then the summary is the failure, said once. */
    private boolean failedOnKernels;
    /** Set by {@link #companionFor}: a qualifying release of the companion has no known pairing with the torch. */
    private boolean unknownPairing;
    /** The torch versions (public, newest first) skipped because a companion's pairing with them is unknown. */
    private final List<Version> unknownPairingTorches = new ArrayList<>(1);
    private final List<String> unknownPairingCompanions = new ArrayList<>(1);
    /** The failure naming the newest torch skipped for an unknown pairing: the reason when no set is found. */
    private String unknownPairingFailure;
    private boolean found;
    /** Torch versions whose full set the rest of the environment does not accept, newest first; and why not. */
    private Version newestRejectedByEnvironment;
    private String newestEnvironmentFailure;
    private int rejectedByEnvironment;

    BackendSearch(PlanningContext context, ComputeBackend backend) {
        this.context = context;
        this.backend = backend;
    }

    /** Why the backend has no full set; meaningful after {@link #newestSet(Version)} found none. */
    String failure() {
        return failure;
    }

    /** What the search excluded on the way (missing kernels, unknown pairings, policy), for the explanation. */
    List<String> notes() {
        boolean unknownPairingNote = found && !unknownPairingTorches.isEmpty();
        boolean kernelNote = newestWithoutKernels != null && !failedOnKernels;
        boolean environmentNote = found && newestRejectedByEnvironment != null;
        if (!kernelNote && !unknownPairingNote && !environmentNote) {
            return notes;
        }
        List<String> all = new ArrayList<>(notes.size() + 3);
        if (environmentNote) {
            all.add(backend + ": torch " + newestRejectedByEnvironment
                    + (rejectedByEnvironment > 1 ? " and " + (rejectedByEnvironment - 1) + " older release"
                            + (rejectedByEnvironment > 2 ? "s" : "") : "")
                    + " left out: the rest of the environment does not install with "
                    + (rejectedByEnvironment > 1 ? "them" : "it") + " (" + newestEnvironmentFailure + ")");
        }
        if (kernelNote) {
            all.add(kernelSummary());
        }
        if (unknownPairingNote) {
            // no backend prefix: pairing evidence is the same on every backend, so the line is said once per plan
            boolean one = unknownPairingTorches.size() == 1;
            List<String> torches = new ArrayList<>(unknownPairingTorches.size());
            unknownPairingTorches.forEach(torch -> torches.add(torch.toString()));
            all.add("torch " + String.join(", ", torches) + ": no " + String.join(" or ", unknownPairingCompanions)
                    + " is known to be paired with " + (one ? "it" : "them")
                    + " (no PEP 658 metadata pin, not in the release table); planned an older torch with a known"
                    + " pairing");
        }
        all.addAll(notes);
        return all;
    }

    /** The newest full set on this backend. */
    Optional<PackageSet> newestSet() {
        return newestSet(null);
    }

    /**
     * The newest full set on this backend whose torch is newer than {@code floor} (compared without local labels),
     * or any when {@code floor} is null. The floor lets newest-torch stop at once on backends that cannot win.
     */
    Optional<PackageSet> newestSet(Version floor) {
        PackageEntry entry = context.entry(backend, RequestedPackages.TORCH);
        List<IndexedFile> files = entry.files();
        if (files.isEmpty()) {
            failure = backend + ": the " + context.channel().id() + " index has no torch";
            return Optional.empty();
        }
        int[] installable = context.installable(entry);
        if (installable.length == 0) {
            failure = backend + ": no torch for " + context.targetDescription();
            return Optional.empty();
        }
        List<Requirement> requirements = context.requested().requirementsFor(RequestedPackages.TORCH);
        boolean preReleases = context.allowsPreReleases(RequestedPackages.TORCH);
        failure = backend + ": no " + context.requested().describe(RequestedPackages.TORCH) + " for "
                + context.targetDescription();
        int position = 0;
        while (position < installable.length) {
            IndexedFile file = files.get(installable[position]);
            if (floor != null && file.version().compareTo(floor) < 0) {
                break;
            }
            if (!context.satisfies(file, requirements, preReleases)) {
                position++;
                continue;
            }
            Version torch = file.version();
            if (floor != null && torch.publicVersion().compareTo(floor) <= 0) {
                break;
            }
            int end = groupEnd(files, installable, position);
            Optional<PackageSet> set = setFor(torch, files, installable, position, end, requirements, preReleases);
            if (set.isPresent()) {
                found = true;
                return set;
            }
            position = end;
        }
        if (unknownPairingFailure != null) {
            failure = unknownPairingFailure;
        }
        if (failedOnKernels) {
            // the summary names every series left out; the planner shows the failure, so the note would repeat it
            failure = kernelSummary();
        }
        if (floor != null) {
            failedOnKernels = false;
            failure = backend + ": no full set with a torch newer than " + floor + " for "
                    + context.targetDescription();
        }
        return Optional.empty();
    }

    private Optional<PackageSet> setFor(
            Version torch, List<IndexedFile> files, int[] installable, int start, int end,
            List<Requirement> requirements, boolean preReleases) {
        Optional<String> missingKernels = context.missingKernels(torch, backend);
        failedOnKernels = missingKernels.isPresent();
        if (missingKernels.isPresent()) {
            if (newestWithoutKernels == null) {
                newestWithoutKernels = torch;
                newestWithoutKernelsReason = missingKernels.get();
            }
            oldestWithoutKernels = torch;
            failure = backend + ": torch " + torch + " carries no kernels for " + context.device() + " ("
                    + missingKernels.get() + ")";
            return Optional.empty();
        }
        Optional<Requirement> blocked = context.policy().blocking(RequestedPackages.TORCH, torch, context.environment());
        if (blocked.isPresent()) {
            note(policyNote(RequestedPackages.TORCH, torch, blocked.get()));
            failure = backend + ": " + policyNote(RequestedPackages.TORCH, torch, blocked.get());
            return Optional.empty();
        }
        List<PackageSet.Pick> picks = new ArrayList<>(context.requested().pytorchNames().size());
        picks.add(pick(RequestedPackages.TORCH, files, installable, start, end));
        for (String companion : context.requested().companions()) {
            PackageSet.Pick pick = companionFor(companion, torch);
            if (pick == null && unknownPairing) {
                recordUnknownPairing(companion, torch.publicVersion());
                return Optional.empty();
            }
            if (pick == null) {
                failure = backend + ": torch " + torch + " has no " + context.requested().describe(companion)
                        + " paired with it for " + context.targetDescription();
                return Optional.empty();
            }
            picks.add(pick);
        }
        PackageSet set = new PackageSet(backend, torch, picks);
        if (!context.resolvesEnvironment()) {
            return Optional.of(set);
        }
        EnvironmentCheck.Checked environment = EnvironmentCheck.check(context, set);
        if (environment.resolution() == null) {
            failure = backend + ": torch " + torch.publicVersion() + ": the environment does not install with it: "
                    + environment.failure();
            if (newestRejectedByEnvironment == null) {
                newestRejectedByEnvironment = torch.publicVersion();
                newestEnvironmentFailure = environment.failure();
            }
            rejectedByEnvironment++;
            return Optional.empty();
        }
        return Optional.of(set.withEnvironment(environment));
    }

    /**
     * The newest qualifying wheel of a companion paired with {@code torch}, or null. A release whose pairing with
     * {@code torch} is unknown is never picked; {@link #unknownPairing} says whether one qualified.
     */
    private PackageSet.Pick companionFor(String companion, Version torch) {
        PackageEntry entry = context.entry(backend, companion);
        List<IndexedFile> files = entry.files();
        int[] installable = context.installable(entry);
        List<Requirement> requirements = context.requested().requirementsFor(companion);
        boolean preReleases = context.allowsPreReleases(companion);
        CompanionPairing pairing = context.pairing();
        unknownPairing = false;
        int position = 0;
        while (position < installable.length) {
            IndexedFile file = files.get(installable[position]);
            if (!context.satisfies(file, requirements, preReleases)) {
                position++;
                continue;
            }
            Version version = file.version();
            int end = groupEnd(files, installable, position);
            CompanionPairing.Match match = pairing.match(companion, version, torch);
            if (match == CompanionPairing.Match.PAIRED) {
                Optional<Requirement> blocked = context.policy().blocking(companion, version, context.environment());
                if (blocked.isEmpty()) {
                    return pick(companion, files, installable, position, end);
                }
                note(policyNote(companion, version, blocked.get()));
            } else if (match == CompanionPairing.Match.UNKNOWN) {
                unknownPairing = true;
            }
            position = end;
        }
        return null;
    }

    /** A torch version left out because nothing establishes which release of the companion goes with it. */
    private void recordUnknownPairing(String companion, Version torch) {
        failure = backend + ": no " + companion + " known to be paired with torch " + torch
                + " (no PEP 658 metadata, not in the release table)";
        if (unknownPairingFailure == null) {
            unknownPairingFailure = failure;
        }
        if (!unknownPairingTorches.contains(torch)) {
            unknownPairingTorches.add(torch);
        }
        if (!unknownPairingCompanions.contains(companion)) {
            unknownPairingCompanions.add(companion);
        }
    }

    /**
     * Among the installable files of one version (positions {@code start} to {@code end}), the one pip takes for the
     * target, and every one's digest. pip prefers the best-ranked tag, then the greater build tag, and of links that
     * are still equal the last on the page (its candidates are sorted stably and read in reverse). A file name listed
     * twice (two URLs, as the real index lists some root files) counts once, by that last link: with {@code --hash}
     * only the file whose digest is listed qualifies.
     */
    private PackageSet.Pick pick(String name, List<IndexedFile> files, int[] installable, int start, int end) {
        SupportedTags tags = context.tags();
        IndexedFile best = null;
        int bestRank = Integer.MAX_VALUE;
        List<String> digests = new ArrayList<>(2);
        Set<WheelFilename> seen = new HashSet<>(4);
        for (int position = end - 1; position >= start; position--) {
            IndexedFile file = files.get(installable[position]);
            if (!seen.add(file.filename())) {
                continue;
            }
            int rank = tags.rank(file.filename());
            if (rank < bestRank || rank == bestRank && file.filename().compareBuildTagTo(best.filename()) > 0) {
                best = file;
                bestRank = rank;
            }
            if (file.sha256() != null && !digests.contains(file.sha256())) {
                digests.add(file.sha256());
            }
        }
        Collections.reverse(digests);
        return new PackageSet.Pick(name, best, digests);
    }

    /** The position after the last installable file with the same version as the one at {@code start}. */
    private static int groupEnd(List<IndexedFile> files, int[] installable, int start) {
        Version version = files.get(installable[start]).version();
        int end = start + 1;
        while (end < installable.length && files.get(installable[end]).version().equals(version)) {
            end++;
        }
        return end;
    }

    /** One line for every torch series left out for missing kernels, with the newest one's reason. */
    private String kernelSummary() {
        boolean oneSeries = series(oldestWithoutKernels).equals(series(newestWithoutKernels));
        String series = oneSeries ? series(newestWithoutKernels)
                : series(oldestWithoutKernels) + " to " + series(newestWithoutKernels);
        return backend + ": torch " + series + " builds carry no kernels for " + context.device() + " ("
                + (oneSeries ? "" : "torch " + series(newestWithoutKernels) + ": ") + newestWithoutKernelsReason + ")";
    }

    private static String series(Version version) {
        return version.major() + "." + version.minor();
    }

    private static String policyNote(String name, Version version, Requirement blocked) {
        return "policy torchplan.policy.blocked-requirements '" + blocked + "' excludes " + name + " " + version;
    }

    private void note(String line) {
        if (!notes.contains(line)) {
            notes.add(line);
        }
    }
}
