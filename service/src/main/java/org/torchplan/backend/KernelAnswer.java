package org.torchplan.backend;

import java.util.Objects;
import java.util.Optional;

/**
 * Whether one build (torch series, backend, platform) carries kernels for one device, how, and on what the
 * answer rests, with the words a plan uses for it.
 *
 * @param support YES, NO or UNKNOWN
 * @param build the build in words: {@code torch 2.12 cu130 (linux-x86_64)}
 * @param device the device in words: {@code compute capability 8.6} or {@code gfx90a}
 * @param ptx for a YES through PTX just-in-time compilation, the PTX architecture compiled, else empty
 * @param inferred the list the answer rests on was not read for this build but carried over
 * @param basis what the answer rests on, in short: the list, or why nothing is known
 * @param source where the list was read, empty where the answer rests on no list
 */
public record KernelAnswer(Support support, String build, String device, Optional<ComputeCapability> ptx,
        boolean inferred, String basis, String source) {

    public KernelAnswer {
        Objects.requireNonNull(support, "support");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(ptx, "ptx");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(source, "source");
    }

    private String sourced() {
        return source.isEmpty() ? basis : basis + "; source: " + source;
    }

    /**
     * What a plan installing this build must say, if anything: an unknown answer, kernels that only run through
     * PTX just-in-time compilation, or a list that is inferred.
     */
    public Optional<String> warning() {
        if (support == Support.UNKNOWN) {
            return Optional.of("not known whether " + build + " carries kernels for " + device + ": " + sourced()
                    + "; if it does not, the first CUDA call fails with \"no kernel image is available for execution"
                    + " on the device\"");
        }
        if (support == Support.YES && ptx.isPresent()) {
            return Optional.of(build + " has no machine code for " + device + "; it runs through PTX compiled just"
                    + " in time from compute_" + ptx.get().major() + ptx.get().minor() + ": the first start compiles"
                    + " every kernel it uses (minutes, cached by the driver afterwards), and kernels built for an"
                    + " older architecture do not use the newer hardware's features (" + sourced() + ")");
        }
        if (support == Support.YES && inferred) {
            return Optional.of("the architecture list of " + build + " is inferred, not read: " + sourced());
        }
        return Optional.empty();
    }
}
