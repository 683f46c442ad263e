package org.torchplan.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one CUDA build carries, in {@code TORCH_CUDA_ARCH_LIST} terms: machine code (cubins) for some
 * architectures and, where an entry ends in {@code +PTX}, PTX for that architecture as well.
 *
 * <p>How a device runs (CUDA C++ Programming Guide, "Binary Compatibility" and "PTX Compatibility"): a cubin
 * built for X.y runs on X.z for every z &gt;= y and on no other major; PTX built for X.y is compiled just in
 * time by the driver for any device of capability X.y or newer. So {@code sm_80} serves 8.0, 8.6 and 8.9, never
 * 9.0 or 7.5, and {@code 12.0+PTX} also serves a future 13.0 device, slowly.
 *
 * <p>Some lists are known only from a capability on ({@link #knownOnlyFrom}): what a build carries below that
 * is not established, and a device there gets {@link Match#NOT_KNOWN}.
 */
public final class CudaArchitectureList {

    /** How a device runs on the build. */
    public enum Match {
        /** A cubin of the device's major at or below its minor. */
        NATIVE,
        /** No cubin fits, PTX of an architecture at or below the device is compiled at start-up. */
        PTX_JIT,
        /** Nothing in the list runs on the device. */
        NONE,
        /** The device lies in the part of the list that is not established. */
        NOT_KNOWN
    }

    private final List<ComputeCapability> cubins;
    private final List<ComputeCapability> ptx;
    private final ComputeCapability knownFrom;

    private CudaArchitectureList(List<ComputeCapability> cubins, List<ComputeCapability> ptx,
            ComputeCapability knownFrom) {
        this.cubins = cubins.stream().sorted().toList();
        this.ptx = ptx.stream().sorted().toList();
        this.knownFrom = knownFrom;
    }

    /**
     * Parses a {@code TORCH_CUDA_ARCH_LIST} value such as {@code 5.0;6.0;7.0;7.5;8.0;8.6;9.0} or
     * {@code 3.7+PTX;5.0;6.0}: semicolon-separated capabilities, each optionally followed by {@code +PTX}.
     *
     * @throws InvalidHardwareException for an entry that is not a compute capability
     */
    public static CudaArchitectureList parse(String text) {
        Objects.requireNonNull(text, "text");
        List<ComputeCapability> cubins = new ArrayList<>();
        List<ComputeCapability> ptx = new ArrayList<>();
        for (String entry : text.split(";")) {
            String trimmed = entry.trim();
            boolean withPtx = trimmed.endsWith("+PTX");
            ComputeCapability capability =
                    ComputeCapability.parse(withPtx ? trimmed.substring(0, trimmed.length() - 4) : trimmed);
            cubins.add(capability);
            if (withPtx) {
                ptx.add(capability);
            }
        }
        return new CudaArchitectureList(cubins, ptx, null);
    }

    /** This list, established only for devices of {@code capability} and newer. */
    public CudaArchitectureList knownOnlyFrom(String capability) {
        return new CudaArchitectureList(cubins, ptx, ComputeCapability.parse(capability));
    }

    /** How {@code device} runs on a build with this list. */
    public Match match(ComputeCapability device) {
        if (knownFrom != null && device.compareTo(knownFrom) < 0) {
            return Match.NOT_KNOWN;
        }
        for (ComputeCapability cubin : cubins) {
            if (cubin.major() == device.major() && cubin.minor() <= device.minor()) {
                return Match.NATIVE;
            }
        }
        return ptxFor(device).isPresent() ? Match.PTX_JIT : Match.NONE;
    }

    /** The newest PTX architecture the driver would compile for {@code device}, if any. */
    public Optional<ComputeCapability> ptxFor(ComputeCapability device) {
        ComputeCapability chosen = null;
        for (ComputeCapability candidate : ptx) {
            if (candidate.compareTo(device) <= 0) {
                chosen = candidate;
            }
        }
        return Optional.ofNullable(chosen);
    }

    /** The architectures with machine code, oldest first. */
    public List<ComputeCapability> cubins() {
        return cubins;
    }

    /** The architectures with PTX, oldest first. */
    public List<ComputeCapability> ptx() {
        return ptx;
    }

    /** The capability below which this list is not established, when it is known only partly. */
    public Optional<ComputeCapability> knownFrom() {
        return Optional.ofNullable(knownFrom);
    }

    /**
     * The list as {@code torch.cuda.get_arch_list()} prints it: {@code sm_50}, ..., then {@code compute_120} for
     * each PTX architecture.
     */
    public List<String> archNames() {
        List<String> names = new ArrayList<>(cubins.size() + ptx.size());
        cubins.forEach(capability -> names.add("sm_" + capability.major() + capability.minor()));
        ptx.forEach(capability -> names.add("compute_" + capability.major() + capability.minor()));
        return names;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CudaArchitectureList list && cubins.equals(list.cubins) && ptx.equals(list.ptx)
                && Objects.equals(knownFrom, list.knownFrom);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cubins, ptx, knownFrom);
    }

    /** The {@code TORCH_CUDA_ARCH_LIST} form, {@code 7.5;8.0;8.6;9.0;10.0;12.0+PTX}, with any partial bound. */
    @Override
    public String toString() {
        List<String> entries = new ArrayList<>(cubins.size());
        for (ComputeCapability cubin : cubins) {
            entries.add(ptx.contains(cubin) ? cubin + "+PTX" : cubin.toString());
        }
        String list = String.join(";", entries);
        return knownFrom == null ? list : list + " (not established below " + knownFrom + ")";
    }
}
