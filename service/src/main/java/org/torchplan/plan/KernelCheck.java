package org.torchplan.plan;

import java.util.Optional;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.backend.ComputeCapability;
import org.torchplan.backend.ComputeCapabilityTable;
import org.torchplan.backend.Gpu;
import org.torchplan.backend.Support;
import org.torchplan.packaging.OperatingSystem;
import org.torchplan.packaging.Version;

/**
 * Rule 1's last filter, applied per torch version: a CUDA build the compatibility table says lacks kernels for the
 * GPU's compute capability is no candidate. Unknown rows pass: the table is never guessed.
 */
final class KernelCheck {

    private static final KernelCheck NONE = new KernelCheck(null, null);

    private final ComputeCapability capability;
    private final OperatingSystem os;

    private KernelCheck(ComputeCapability capability, OperatingSystem os) {
        this.capability = capability;
        this.os = os;
    }

    static KernelCheck of(Optional<Gpu> gpu, OperatingSystem os) {
        if (gpu.isPresent() && gpu.get() instanceof Gpu.Nvidia nvidia && nvidia.computeCapability().isPresent()) {
            return new KernelCheck(nvidia.computeCapability().get(), os);
        }
        return NONE;
    }

    String computeCapability() {
        return String.valueOf(capability);
    }

    /** Why {@code torch} on {@code backend} cannot run on the GPU, or empty when it can or nobody knows. */
    Optional<String> missingKernels(Version torch, ComputeBackend backend) {
        if (capability == null || !backend.isCuda()) {
            return Optional.empty();
        }
        Support support = ComputeCapabilityTable.support(torch.major(), torch.minor(), backend, os, capability);
        if (support != Support.NO) {
            return Optional.empty();
        }
        return Optional.of("torch " + torch.major() + "." + torch.minor() + " " + backend
                + " builds carry no kernels for compute capability " + capability);
    }
}
