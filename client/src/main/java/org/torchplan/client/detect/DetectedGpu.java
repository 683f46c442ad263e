package org.torchplan.client.detect;

import java.util.List;
import java.util.Optional;

/** A GPU the client found, in the terms the service's {@code gpu} request field takes. */
public sealed interface DetectedGpu {

    /** {@code nvidia}, {@code amd} or {@code intel}: the service's vendor names. */
    String vendor();

    /**
     * NVIDIA GPUs share one driver; with several, the lowest compute capability is the one every wheel must
     * have kernels for.
     */
    record Nvidia(Fact driverVersion, Optional<Fact> computeCapability, List<String> names) implements DetectedGpu {
        public Nvidia {
            names = List.copyOf(names);
        }

        @Override
        public String vendor() {
            return "nvidia";
        }
    }

    /**
     * AMD GPUs by their LLVM target name ({@code gfx90a}); with several, the lowest architecture is sent, as for
     * NVIDIA the lowest compute capability.
     */
    record Amd(Fact architecture, List<String> allArchitectures) implements DetectedGpu {
        public Amd {
            allArchitectures = List.copyOf(allArchitectures);
        }

        @Override
        public String vendor() {
            return "amd";
        }
    }

    /** An Intel display-class device (XPU backends). */
    record Intel(Fact device) implements DetectedGpu {
        @Override
        public String vendor() {
            return "intel";
        }
    }
}
