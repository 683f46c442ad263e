package org.torchplan.plan;

/**
 * Renders the PyTorch step of a plan as a requirements file pinned with {@code --hash} lines.
 *
 * <p>A pin may be satisfied by several files of the same version (different platform tags), and pip picks among
 * them itself, so each pin lists the digest of every file of that version that installs on the target. Hashes are
 * all or nothing: pip switches the whole file to hash-checking mode once one requirement has a hash, so when the
 * index publishes no digest for some package (nightly), no hashes are written.
 */
public final class RequirementsFileRendering {

    private RequirementsFileRendering() {
    }

    public static String render(PlanResult plan) {
        if (!plan.environment().isEmpty()) {
            return lock(plan);
        }
        if (plan.backend() == null) {
            return withoutPytorch(plan);
        }
        boolean hashed = plan.packages().stream().allMatch(planned -> !planned.acceptableSha256().isEmpty());
        StringBuilder file = new StringBuilder(1024);
        file.append("# torchplan install plan: ").append(plan.backend()).append(" wheels from the ")
                .append(plan.channel().id()).append(" channel\n");
        if (hashed) {
            file.append("# Hash-checking mode: pip then requires hashes for every dependency too; install torch's\n")
                    .append("# dependencies first, or use: python -m pip install --no-deps -r requirements.txt\n");
        } else {
            file.append("# The index publishes no sha256 digests for some of these wheels: no hashes.\n");
        }
        file.append("--index-url ").append(plan.indexUrl()).append('\n');
        if (plan.preReleases()) {
            file.append("--pre\n");
        }
        for (PlannedPackage planned : plan.packages()) {
            file.append(planned.pin());
            if (hashed) {
                for (String digest : planned.acceptableSha256()) {
                    file.append(" \\\n    --hash=sha256:").append(digest);
                }
            }
            file.append('\n');
        }
        if (!plan.otherRequirements().isEmpty()) {
            file.append("# Then, from ").append(plan.otherIndexUrl())
                    .append(" (a second step: another index must not serve PyTorch packages):\n");
            for (String requirement : plan.otherRequirements()) {
                file.append("#   ").append(requirement).append('\n');
            }
        }
        return file.toString();
    }

    /**
     * The whole resolved environment as one lock: every distribution pinned, with the digest of every file pip may
     * take, so pip installs it in one run in hash-checking mode. PyTorch wheels come from the backend's index (the
     * first index); the third-party index is an extra index, which cannot serve a PyTorch build in their place since
     * only the listed digests are accepted. Installed distributions the plan keeps are named in comments.
     */
    private static String lock(PlanResult plan) {
        boolean complete = plan.environment().stream().allMatch(LockedPackage::dependenciesKnown);
        boolean hashed = complete && plan.environment().stream()
                .allMatch(locked -> locked.keptInstalled() || !locked.acceptableSha256().isEmpty());
        StringBuilder file = new StringBuilder(4096);
        file.append("# torchplan lock: the whole environment for this machine (")
                .append(plan.environment().size()).append(" distributions");
        if (plan.backend() != null) {
            file.append("; ").append(plan.backend()).append(" wheels from the ").append(plan.channel().id())
                    .append(" channel");
        }
        file.append(")\n");
        if (!complete) {
            file.append("# Incomplete: some PyTorch wheels publish no metadata, so their dependencies are left to pip"
                    + " (no hashes).\n");
        } else if (!hashed) {
            file.append("# The index publishes no sha256 digests for some of these wheels: no hashes.\n");
        } else {
            file.append("# Install with: python -m pip install --require-hashes -r requirements.txt\n");
        }
        if (plan.indexUrl() != null) {
            file.append("--index-url ").append(plan.indexUrl()).append('\n');
            file.append("--extra-index-url ").append(plan.otherIndexUrl()).append('\n');
        } else {
            file.append("--index-url ").append(plan.otherIndexUrl()).append('\n');
        }
        if (plan.preReleases()) {
            file.append("--pre\n");
        }
        for (LockedPackage locked : plan.environment()) {
            if (locked.keptInstalled()) {
                file.append("# ").append(locked.name()).append("==").append(locked.version())
                        .append(" is installed and kept\n");
                continue;
            }
            file.append(locked.name()).append("==").append(locked.version());
            if (hashed) {
                for (String digest : locked.acceptableSha256()) {
                    file.append(" \\\n    --hash=sha256:").append(digest);
                }
            }
            file.append('\n');
        }
        return file.toString();
    }

    /** No PyTorch step: the other requirements, from their index, as asked (the index publishes their hashes). */
    private static String withoutPytorch(PlanResult plan) {
        StringBuilder file = new StringBuilder(256);
        file.append("# torchplan install plan: no PyTorch package for this machine\n");
        if (plan.otherRequirements().isEmpty()) {
            file.append("# No requirement applies to this machine: nothing to install.\n");
            return file.toString();
        }
        file.append("--index-url ").append(plan.otherIndexUrl()).append('\n');
        for (String requirement : plan.otherRequirements()) {
            file.append(requirement).append('\n');
        }
        return file.toString();
    }
}
