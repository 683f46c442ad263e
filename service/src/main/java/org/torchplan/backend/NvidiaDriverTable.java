package org.torchplan.backend;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.torchplan.packaging.OperatingSystem;

/**
 * Which CUDA backends an NVIDIA driver runs. A CUDA build runs when the installed driver is at least the
 * minimum its CUDA toolkit version requires; macOS has had no CUDA wheels at all.
 */
public final class NvidiaDriverTable {

    /**
     * Minimum driver per CUDA version, Linux and Windows.
     *
     * <p>Source: NVIDIA CUDA Toolkit release notes, table 3 "CUDA Toolkit and Corresponding Driver
     * Versions", and, from CUDA 11.1 on, the minor version compatibility rule of the same notes: every
     * 11.x (x >= 1), 12.x or 13.x build runs on the minimum driver of its major series, so one row covers a
     * whole major. A new CUDA 13.x backend (cu134, ...) needs no change here; a new major is one line.
     * The cu75 row is table 3's CUDA 7.5 entry; PyTorch still lists a cu75 folder.
     */
    private static final List<MinimumDriver> MINIMUM_DRIVERS = List.of(
            MinimumDriver.majorSeries(13, 0, "580", "580"),
            MinimumDriver.majorSeries(12, 0, "525.60.13", "528.33"),
            MinimumDriver.majorSeries(11, 1, "450.80.02", "452.39"),
            MinimumDriver.exactly(11, 0, "450.36.06", "451.22"),
            MinimumDriver.exactly(10, 2, "440.33", "441.22"),
            MinimumDriver.exactly(10, 1, "418.39", "418.96"),
            MinimumDriver.exactly(10, 0, "410.48", "411.31"),
            MinimumDriver.exactly(9, 2, "396.26", "398.26"),
            MinimumDriver.exactly(9, 1, "390.46", "391.29"),
            MinimumDriver.exactly(9, 0, "384.81", "385.54"),
            MinimumDriver.exactly(8, 0, "375.26", "376.51"),
            MinimumDriver.exactly(7, 5, "352.31", "353.66"));

    private NvidiaDriverTable() {
    }

    /**
     * The oldest driver that runs {@code cuda} on {@code os}; empty on macOS and for a CUDA version the
     * table does not list (a future major), which therefore never counts as runnable.
     *
     * @throws IllegalArgumentException if {@code cuda} is not a CUDA backend
     */
    public static Optional<DriverVersion> minimumDriver(ComputeBackend cuda, OperatingSystem os) {
        return Optional.ofNullable(minimumOrNull(cuda, os));
    }

    /** Whether a machine with {@code driver} on {@code os} runs wheels built for {@code cuda}. */
    public static boolean runs(ComputeBackend cuda, DriverVersion driver, OperatingSystem os) {
        DriverVersion minimum = minimumOrNull(cuda, os);
        return minimum != null && driver.isAtLeast(minimum);
    }

    // every plan asks this once per CUDA backend of the catalog: a plain loop, no stream or Optional per call
    private static DriverVersion minimumOrNull(ComputeBackend cuda, OperatingSystem os) {
        requireCuda(cuda);
        if (os == OperatingSystem.MACOS) {
            return null;
        }
        for (MinimumDriver row : MINIMUM_DRIVERS) {
            if (row.covers(cuda)) {
                return os == OperatingSystem.WINDOWS ? row.windows() : row.linux();
            }
        }
        return null;
    }

    /** The CUDA backends among {@code known} that {@code driver} runs on {@code os}, newest first. */
    public static List<ComputeBackend> backendsFor(
            DriverVersion driver, OperatingSystem os, Collection<ComputeBackend> known) {
        return known.stream()
                .filter(ComputeBackend::isCuda)
                .distinct()
                .filter(cuda -> runs(cuda, driver, os))
                .sorted(Comparator.reverseOrder())
                .toList();
    }

    private static void requireCuda(ComputeBackend backend) {
        if (!backend.isCuda()) {
            throw new IllegalArgumentException(backend + " is not a CUDA backend");
        }
    }

    /** One table row: a CUDA major with its minors from {@code firstMinor} on, or one exact version. */
    private record MinimumDriver(int major, int firstMinor, boolean wholeSeries, DriverVersion linux, DriverVersion windows) {

        static MinimumDriver majorSeries(int major, int firstMinor, String linux, String windows) {
            return new MinimumDriver(major, firstMinor, true, DriverVersion.parse(linux), DriverVersion.parse(windows));
        }

        static MinimumDriver exactly(int major, int minor, String linux, String windows) {
            return new MinimumDriver(major, minor, false, DriverVersion.parse(linux), DriverVersion.parse(windows));
        }

        boolean covers(ComputeBackend cuda) {
            if (cuda.majorVersion() != major) {
                return false;
            }
            return wholeSeries ? cuda.minorVersion() >= firstMinor : cuda.minorVersion() == firstMinor;
        }
    }
}
