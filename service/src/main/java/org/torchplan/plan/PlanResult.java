package org.torchplan.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.CatalogAge;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.Channel;

/**
 * A plan: the exact PyTorch wheels for one machine, the commands that install them, and why.
 *
 * @param backend the chosen backend, or null when the request names no PyTorch package for this machine
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
 * @param environment the whole resolved environment (every distribution, PyTorch and third-party, pinned, with its
 *     digests and why it is there) when the request had more than PyTorch packages; empty otherwise
 * @param thirdPartyCatalog where the third-party index data of the environment came from, or null when the plan read
 *     none
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
        String otherIndexUrl,
        List<LockedPackage> environment,
        CatalogStatus thirdPartyCatalog) {

    public PlanResult {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(catalog, "catalog");
        packages = List.copyOf(packages);
        steps = List.copyOf(steps);
        explanation = List.copyOf(explanation);
        warnings = List.copyOf(warnings);
        otherRequirements = List.copyOf(otherRequirements);
        environment = List.copyOf(environment);
    }

    /** A plan of PyTorch packages alone, with no resolved environment. */
    public PlanResult(ComputeBackend backend, Channel channel, List<PlannedPackage> packages, List<InstallStep> steps,
            List<String> explanation, List<String> warnings, CatalogStatus catalog, String indexUrl,
            boolean preReleases, List<String> otherRequirements, String otherIndexUrl) {
        this(backend, channel, packages, steps, explanation, warnings, catalog, indexUrl, preReleases,
                otherRequirements, otherIndexUrl, List.of(), null);
    }

    /** A plan with a resolved environment whose third-party data status the caller adds. */
    public PlanResult(ComputeBackend backend, Channel channel, List<PlannedPackage> packages, List<InstallStep> steps,
            List<String> explanation, List<String> warnings, CatalogStatus catalog, String indexUrl,
            boolean preReleases, List<String> otherRequirements, String otherIndexUrl,
            List<LockedPackage> environment) {
        this(backend, channel, packages, steps, explanation, warnings, catalog, indexUrl, preReleases,
                otherRequirements, otherIndexUrl, environment, null);
    }

    /**
     * The same plan with the status of the third-party data its environment rests on; data that is not a fresh live
     * read adds a warning, as catalog data does.
     */
    public PlanResult withThirdPartyCatalog(CatalogStatus status) {
        List<String> more = new ArrayList<>(warnings);
        if (status.stale() || status.source() != CatalogSource.LIVE) {
            more.add("the third-party index data of this environment is " + CatalogAge.describe(status.source())
                    + " (fetched " + status.fetchedAt() + ")" + (status.stale() ? " and partly stale" : "")
                    + ": newer releases may exist");
        }
        return new PlanResult(backend, channel, packages, steps, explanation, more, catalog, indexUrl, preReleases,
                otherRequirements, otherIndexUrl, environment, status);
    }

    /** The same plan with one more warning. */
    public PlanResult withWarning(String warning) {
        List<String> more = new ArrayList<>(warnings);
        more.add(warning);
        return new PlanResult(backend, channel, packages, steps, explanation, more, catalog, indexUrl, preReleases,
                otherRequirements, otherIndexUrl, environment, thirdPartyCatalog);
    }

    /**
     * This plan as of {@code now}: when its catalog data is older than {@code maxAge}, stale, with a warning
     * saying so. The planner has no clock; the caller applies the time.
     */
    public PlanResult agedAt(Instant now, Duration maxAge) {
        Optional<String> warning = CatalogAge.warning(catalog, channel, maxAge, now);
        if (warning.isEmpty()) {
            return this;
        }
        List<String> aged = new ArrayList<>(warnings);
        aged.add(warning.get());
        return new PlanResult(backend, channel, packages, steps, explanation, aged, catalog.at(now, maxAge), indexUrl,
                preReleases, otherRequirements, otherIndexUrl, environment, thirdPartyCatalog);
    }
}
