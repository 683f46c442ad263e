package org.torchplan.backend;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.torchplan.packaging.OperatingSystem;

/**
 * Which PyTorch CUDA builds carry kernels for an NVIDIA compute capability, per (torch minor series, CUDA
 * backend, operating system where the builds differ).
 *
 * <p>The rule, kept deliberately simple: a build supports a device when its architecture list contains an
 * architecture of the same major and a minor no greater than the device's (CUDA binaries are compatible
 * within a major: {@code sm_80} code runs on 8.6 and 8.9, never on 9.0 or on 7.5). PTX just-in-time
 * compilation for newer majors is not counted, so a device newer than every listed major is {@link
 * Support#NO}.
 *
 * <p>Where only a floor is established ("CUDA 13 builds start at 7.5"), devices below it are NO and the
 * rest UNKNOWN. Everything no row covers is UNKNOWN, never guessed.
 */
public final class ComputeCapabilityTable {

    private static final int OPEN = Integer.MAX_VALUE;

    /**
     * Sources: torchplan issue 2 (seed facts), and the {@code TORCH_CUDA_ARCH_LIST} per CUDA version in
     * pytorch/pytorch {@code .ci/manywheel/build_cuda.sh} of the 2.8 release line (Linux wheels: 12.6 ->
     * 5.0;6.0;7.0;7.5;8.0;8.6;9.0, 12.8 -> 7.0;...;12.0, 12.9 -> 7.0;...;12.0+PTX; sm_50-sm_61 removed for
     * 12.8/12.9 because CUDA deprecates them, sm_70 kept per pytorch/pytorch#157517).
     * A floor stated "from torch X" holds for later releases too: PyTorch has not re-added an architecture a
     * CUDA build dropped. An exact list wins over a floor; an OS-specific row wins over an any-OS row.
     */
    private static final List<Row> ROWS = List.of(
            Row.exact(2, 8, 8, "cu126", OperatingSystem.LINUX, "5.0;6.0;7.0;7.5;8.0;8.6;9.0"),
            Row.exact(2, 8, 8, "cu128", null, "7.0;7.5;8.0;8.6;9.0;10.0;12.0"),
            Row.exact(2, 8, 8, "cu129", OperatingSystem.LINUX, "7.0;7.5;8.0;8.6;9.0;10.0;12.0"),
            Row.floor(2, 8, OPEN, "cu128", null, "7.0"),
            Row.floor(2, 8, OPEN, "cu129", null, "7.0"),
            Row.floor(2, 10, OPEN, "cu128", null, "7.5"),
            Row.floorForMajor(2, 0, OPEN, 13, null, "7.5"));

    private ComputeCapabilityTable() {
    }

    /**
     * Whether the torch {@code torchMajor.torchMinor} wheels for {@code backend} on {@code os} carry kernels for
     * a device of compute capability {@code device}.
     *
     * @throws IllegalArgumentException if {@code backend} is not a CUDA backend
     */
    public static Support support(int torchMajor, int torchMinor, ComputeBackend backend, OperatingSystem os,
            ComputeCapability device) {
        if (!backend.isCuda()) {
            throw new IllegalArgumentException(backend + " is not a CUDA backend");
        }
        List<Row> matching = ROWS.stream().filter(row -> row.covers(torchMajor, torchMinor, backend, os)).toList();
        Optional<Row> exact = matching.stream()
                .filter(row -> row.architectures().isPresent())
                .min(Comparator.comparing(row -> row.os() == null));
        if (exact.isPresent()) {
            return carries(exact.get().architectures().get(), device) ? Support.YES : Support.NO;
        }
        Optional<ComputeCapability> highestFloor = matching.stream()
                .map(Row::floor)
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
        if (highestFloor.isPresent() && device.compareTo(highestFloor.get()) < 0) {
            return Support.NO;
        }
        return Support.UNKNOWN;
    }

    /** The architecture list a build is established to carry, when the table has it exactly. */
    public static Optional<List<ComputeCapability>> architectures(int torchMajor, int torchMinor,
            ComputeBackend backend, OperatingSystem os) {
        return ROWS.stream()
                .filter(row -> row.covers(torchMajor, torchMinor, backend, os))
                .filter(row -> row.architectures().isPresent())
                .min(Comparator.comparing(row -> row.os() == null))
                .flatMap(Row::architectures);
    }

    private static boolean carries(List<ComputeCapability> architectures, ComputeCapability device) {
        return architectures.stream()
                .anyMatch(built -> built.major() == device.major() && built.minor() <= device.minor());
    }

    /**
     * One fact: for torch {@code torchMajor.fromMinor} to {@code torchMajor.toMinor}, builds of one backend (or
     * of every backend of a CUDA major) on one OS (or on any, when {@code os} is null) carry exactly
     * {@code architectures}, or at least nothing below {@code floor}.
     */
    private record Row(int torchMajor, int fromMinor, int toMinor, Optional<ComputeBackend> backend,
            int cudaMajor, OperatingSystem os, Optional<List<ComputeCapability>> architectures,
            Optional<ComputeCapability> floor) {

        static Row exact(int torchMajor, int fromMinor, int toMinor, String backend, OperatingSystem os,
                String architectures) {
            return new Row(torchMajor, fromMinor, toMinor, Optional.of(ComputeBackend.parse(backend)), 0, os,
                    Optional.of(parseList(architectures)), Optional.empty());
        }

        static Row floor(int torchMajor, int fromMinor, int toMinor, String backend, OperatingSystem os,
                String floor) {
            return new Row(torchMajor, fromMinor, toMinor, Optional.of(ComputeBackend.parse(backend)), 0, os,
                    Optional.empty(), Optional.of(ComputeCapability.parse(floor)));
        }

        static Row floorForMajor(int torchMajor, int fromMinor, int toMinor, int cudaMajor, OperatingSystem os,
                String floor) {
            return new Row(torchMajor, fromMinor, toMinor, Optional.empty(), cudaMajor, os,
                    Optional.empty(), Optional.of(ComputeCapability.parse(floor)));
        }

        private static List<ComputeCapability> parseList(String architectures) {
            return Arrays.stream(architectures.split(";")).map(ComputeCapability::parse).toList();
        }

        boolean covers(int torchMajor, int torchMinor, ComputeBackend candidate, OperatingSystem candidateOs) {
            boolean torchMatches = this.torchMajor == torchMajor && torchMinor >= fromMinor && torchMinor <= toMinor;
            boolean backendMatches = backend.map(candidate::equals)
                    .orElse(candidate.majorVersion() == cudaMajor);
            boolean osMatches = os == null || os == candidateOs;
            return torchMatches && backendMatches && osMatches;
        }
    }
}
