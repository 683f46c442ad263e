package org.torchplan.backend;

import java.util.Objects;
import java.util.Optional;

/** The accelerator a machine reports, as far as backend selection needs to know it. */
public sealed interface Gpu {

    /**
     * An NVIDIA GPU. The driver decides which CUDA backends run at all; the compute capability, when
     * known, decides per torch release whether a build carries kernels for the device.
     */
    record Nvidia(DriverVersion driver, Optional<ComputeCapability> computeCapability) implements Gpu {
        public Nvidia {
            Objects.requireNonNull(driver, "driver");
            Objects.requireNonNull(computeCapability, "computeCapability");
        }
    }

    /** An AMD GPU by its gfx architecture; rocminfo's {@code gfx90a:sramecc+:xnack-} is normalized to {@code gfx90a}. */
    record Amd(String architecture) implements Gpu {
        public Amd {
            architecture = RocmArchitectureTable.normalizeArchitecture(architecture);
        }
    }

    /** An Intel GPU (Arc, Data Center GPU Max, integrated Xe), served by the {@code xpu} backend. */
    record Intel() implements Gpu {
    }
}
