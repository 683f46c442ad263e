package org.torchplan.backend;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.torchplan.packaging.OperatingSystem;

/**
 * Which CUDA backends an NVIDIA driver runs. A CUDA build runs when the installed driver is at least the
 * minimum its CUDA toolkit version requires; macOS has had no CUDA wheels at all.
 *
 * <p>Two minimums, both from the NVIDIA CUDA Toolkit release notes: the floor of CUDA minor version
 * compatibility per major (table 2), which decides whether a build runs at all, and the driver each toolkit
 * release ships with (table 3), which a build needs for what minor version compatibility does not cover, above
 * all compiling its PTX just in time.
 */
public final class NvidiaDriverTable {

    /**
     * Minimum driver per CUDA version, Linux and Windows.
     *
     * <p>Sources: from CUDA 11.1 on, CUDA minor version compatibility (NVIDIA CUDA Compatibility guide, "minimum
     * required driver versions", and table 2 of the CUDA 13.2 release notes): every 11.x (x >= 1), 12.x or 13.x
     * build runs on the floor of its major series (11.x: 450.80.02 / 452.39, 12.x: 525.60.13 / 527.41, 13.x: 580),
     * so one row covers a whole major; a new CUDA 13.x backend (cu134, ...) needs no change here, a new major is
     * one line. Before that, table 3 "CUDA Toolkit and Corresponding Driver Versions" per release; the cu75 row is
     * its CUDA 7.5 entry (PyTorch still lists a cu75 folder).
     */
    private static final List<MinimumDriver> MINIMUM_DRIVERS = List.of(
            MinimumDriver.majorSeries(13, 0, "580", "580"),
            MinimumDriver.majorSeries(12, 0, "525.60.13", "527.41"),
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

    /**
     * The driver each CUDA release (GA) ships with, for the CUDA versions PyTorch builds; table 3 "CUDA Toolkit
     * and Corresponding Driver Versions" of the CUDA 13.2 Update 2 release notes. Table 3 lists no Windows driver
     * from CUDA 13.0 on (the toolkit stopped bundling one), so those rows have none.
     */
    private static final List<MinimumDriver> TOOLKIT_DRIVERS = List.of(
            MinimumDriver.exactly(13, 2, "595.45.04", null),
            MinimumDriver.exactly(13, 1, "590.44.01", null),
            MinimumDriver.exactly(13, 0, "580.65.06", null),
            MinimumDriver.exactly(12, 9, "575.51.03", "576.02"),
            MinimumDriver.exactly(12, 8, "570.26", "570.65"),
            MinimumDriver.exactly(12, 6, "560.28.03", "560.76"),
            MinimumDriver.exactly(12, 4, "550.54.14", "551.61"),
            MinimumDriver.exactly(12, 1, "530.30.02", "531.14"),
            MinimumDriver.exactly(11, 8, "520.61.05", "520.06"),
            MinimumDriver.exactly(11, 7, "515.43.04", "516.01"));

    private NvidiaDriverTable() {
    }

    /**
     * The driver the toolkit release of {@code cuda} ships with (table 3), which code it compiles just in time (PTX)
     * needs; empty for a CUDA version or OS the table does not list.
     */
    public static Optional<DriverVersion> toolkitDriver(ComputeBackend cuda, OperatingSystem os) {
        requireCuda(cuda);
        for (MinimumDriver row : TOOLKIT_DRIVERS) {
            if (row.covers(cuda)) {
                return Optional.ofNullable(os == OperatingSystem.LINUX ? row.linux()
                        : os == OperatingSystem.WINDOWS ? row.windows() : null);
            }
        }
        return Optional.empty();
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
            return new MinimumDriver(major, minor, false, DriverVersion.parse(linux),
                    windows == null ? null : DriverVersion.parse(windows));
        }

        boolean covers(ComputeBackend cuda) {
            if (cuda.majorVersion() != major) {
                return false;
            }
            return wholeSeries ? cuda.minorVersion() >= firstMinor : cuda.minorVersion() == firstMinor;
        }
    }
}
