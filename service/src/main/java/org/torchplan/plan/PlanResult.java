package org.torchplan.plan;

import java.util.List;
import java.util.Objects;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.CatalogStatus;
import org.torchplan.catalog.Channel;

/**
 * A plan: the exact PyTorch wheels for one machine, the commands that install them, and why.
 *
 * @param backend the chosen backend
 * @param channel the channel the wheels come from
 * @param packages the pinned PyTorch packages, torch first
 * @param steps the commands, in order
 * @param explanation how the choice was made, one line per decision
 * @param warnings what the caller should know (an unused GPU, an assumed glibc, ...)
 * @param catalog where the catalog the plan was computed from came from
 * @param indexUrl the index of the PyTorch step
 * @param preReleases whether the PyTorch step accepts pre-releases
 * @param otherRequirements the non-PyTorch requirements of the second step (empty when there is none)
 * @param otherIndexUrl the index of the second step
 */
public record PlanResult(
        ComputeBackend backend,
        Channel channel,
        List<PlannedPackage> packages,
        List<InstallStep> steps,
        List<String> explanation,
        List<String> warnings,
        CatalogStatus catalog,
        String indexUrl,
        boolean preReleases,
        List<String> otherRequirements,
        String otherIndexUrl) {

    public PlanResult {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(channel, "channel");
        packages = List.copyOf(packages);
        steps = List.copyOf(steps);
        explanation = List.copyOf(explanation);
        warnings = List.copyOf(warnings);
        otherRequirements = List.copyOf(otherRequirements);
    }
}
