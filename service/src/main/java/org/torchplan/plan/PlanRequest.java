package org.torchplan.plan;

import java.util.List;
import org.torchplan.packaging.DistributionMetadata;
import java.util.Objects;
import java.util.Optional;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.backend.Gpu;
import org.torchplan.catalog.model.Channel;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Target;

/**
 * A validated plan request: every field already parsed, so the planner never sees text.
 *
 * @param requirements the requirements, in the order asked
 * @param target the machine's Python, OS, architecture and libc / macOS versions
 * @param gpu the machine's GPU, or empty for none
 * @param channel the channel to plan from
 * @param backend an explicit backend, or empty for automatic
 * @param installed what the target interpreter already has (name and version, with the local label of a PyTorch
 *     build); kept where the resolution accepts it, as pip keeps it
 */
public record PlanRequest(
        List<Requirement> requirements,
        Target target,
        Optional<Gpu> gpu,
        Channel channel,
        Optional<ComputeBackend> backend,
        Strategy strategy,
        Installer installer,
        List<DistributionMetadata> installed) {

    public PlanRequest {
        requirements = List.copyOf(requirements);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(installer, "installer");
        installed = List.copyOf(installed);
    }

    /** A request for an empty environment. */
    public PlanRequest(List<Requirement> requirements, Target target, Optional<Gpu> gpu, Channel channel,
            Optional<ComputeBackend> backend, Strategy strategy, Installer installer) {
        this(requirements, target, gpu, channel, backend, strategy, installer, List.of());
    }
}
