package org.torchplan.backend;

import java.util.List;
import java.util.Optional;
import org.torchplan.packaging.OperatingSystem;

/**
 * Which GPUs a driver runs at all, whatever the CUDA build: a driver branch knows no GPU architecture newer
 * than the CUDA release it shipped with, and NVIDIA ends support for old architectures with a last branch. A
 * machine outside these bounds cannot use its GPU until the driver changes, so no CUDA build is planned for it.
 *
 * <p>The first driver of each architecture is table 3's driver of the CUDA release that first compiles for it
 * (NVIDIA CUDA Toolkit release notes: 10.0 Turing, 11.0 A100, 11.1 GA10x, 11.8 Ada and Hopper, 12.8 Blackwell
 * 10.0/12.0, 12.9 10.3/12.1, 13.0 Thor 11.0). The last branches are NVIDIA's announcements: R470 is the last
 * branch supporting Kepler (support plan for Kepler GPUs, 2021; R495 dropped it), R580 the last supporting
 * Maxwell, Pascal and Volta (CUDA 12.9 / R580 release notes; the next branch is R590).
 */
public final class NvidiaDriverBranches {

    private static final List<Generation> GENERATIONS = List.of(
            Generation.retired("Kepler", "3.0", "3.7", 495, "R470"),
            Generation.retired("Maxwell", "5.0", "5.3", 590, "R580"),
            Generation.retired("Pascal", "6.0", "6.2", 590, "R580"),
            Generation.retired("Volta", "7.0", "7.2", 590, "R580"),
            Generation.introduced("Turing", "7.5", "7.5", "410.48", "411.31", "CUDA 10.0"),
            Generation.introduced("Ampere A100", "8.0", "8.0", "450.36.06", "451.22", "CUDA 11.0"),
            Generation.introduced("Ampere", "8.6", "8.7", "455.23", "456.38", "CUDA 11.1"),
            Generation.introduced("Ada Lovelace", "8.9", "8.9", "520.61.05", "520.06", "CUDA 11.8"),
            Generation.introduced("Hopper", "9.0", "9.0", "520.61.05", "520.06", "CUDA 11.8"),
            Generation.introduced("Blackwell", "10.0", "10.1", "570.26", "570.65", "CUDA 12.8"),
            Generation.introduced("Blackwell", "10.3", "10.3", "575.51.03", "576.02", "CUDA 12.9"),
            Generation.introduced("Blackwell (Thor)", "11.0", "11.0", "580.65.06", null, "CUDA 13.0"),
            Generation.introduced("Blackwell", "12.0", "12.0", "570.26", "570.65", "CUDA 12.8"),
            Generation.introduced("Blackwell", "12.1", "12.1", "575.51.03", "576.02", "CUDA 12.9"));

    private NvidiaDriverBranches() {
    }

    /**
     * Why {@code driver} on {@code os} cannot run a GPU of compute capability {@code device}, or empty when it
     * can or the tables do not say.
     */
    public static Optional<String> cannotRun(DriverVersion driver, OperatingSystem os, ComputeCapability device) {
        for (Generation generation : GENERATIONS) {
            if (!generation.contains(device)) {
                continue;
            }
            if (generation.endsBefore() > 0 && driver.major() >= generation.endsBefore()) {
                return Optional.of("driver " + driver + " cannot run compute capability " + device + " ("
                        + generation.name() + "): NVIDIA's " + generation.lastBranch() + " branch is the last to"
                        + " support " + generation.name() + " GPUs; install an " + generation.lastBranch() + " driver"
                        + " to use this GPU");
            }
            DriverVersion first = os == OperatingSystem.WINDOWS ? generation.firstWindows() : generation.firstLinux();
            if (first != null && !driver.isAtLeast(first)) {
                return Optional.of("driver " + driver + " cannot run compute capability " + device + " ("
                        + generation.name() + "): drivers older than " + first + ", the driver of "
                        + generation.firstCuda() + " which first supports it, do not know this GPU; update the driver");
            }
        }
        return Optional.empty();
    }

    private record Generation(String name, ComputeCapability from, ComputeCapability to, int endsBefore,
            String lastBranch, DriverVersion firstLinux, DriverVersion firstWindows, String firstCuda) {

        static Generation retired(String name, String from, String to, int endsBefore, String lastBranch) {
            return new Generation(name, ComputeCapability.parse(from), ComputeCapability.parse(to), endsBefore,
                    lastBranch, null, null, null);
        }

        static Generation introduced(String name, String from, String to, String firstLinux, String firstWindows,
                String firstCuda) {
            return new Generation(name, ComputeCapability.parse(from), ComputeCapability.parse(to), 0, null,
                    DriverVersion.parse(firstLinux), firstWindows == null ? null : DriverVersion.parse(firstWindows),
                    firstCuda);
        }

        boolean contains(ComputeCapability device) {
            return from.compareTo(device) <= 0 && device.compareTo(to) <= 0;
        }
    }
}
