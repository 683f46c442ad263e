package org.torchplan.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torchplan.packaging.OperatingSystem;

class NvidiaDriverTableTest {

    private static final List<ComputeBackend> INDEX_BACKENDS = RecordedIndexBackendsTest.STABLE_FOLDERS.stream()
            .map(ComputeBackend::parse)
            .toList();

    /** Every row: the minimum runs, the driver just below does not (12.x on Windows: 527.41, not 528.33). */
    @ParameterizedTest(name = "{0} on {1}: {2} runs, {3} does not")
    @CsvSource({
            "cu132, linux, 580, 575.64.05",
            "cu132, windows, 580, 576.88",
            "cu130, linux, 580, 579.99",
            "cu130, windows, 580.0, 579",
            "cu134, linux, 580, 579.99",
            "cu129, linux, 525.60.13, 525.60.12",
            "cu129, windows, 527.41, 527.40",
            "cu128, linux, 525.60.13, 525.60.12",
            "cu126, linux, 525.60.13, 525.60",
            "cu126, windows, 527.41, 527.37",
            "cu121, linux, 525.60.13, 525.60.12",
            "cu121, windows, 527.41, 526.98",
            "cu118, linux, 450.80.02, 450.80.01",
            "cu118, windows, 452.39, 452.38",
            "cu111, linux, 450.80.02, 450.80.01",
            "cu111, windows, 452.39, 452.06",
            "cu110, linux, 450.36.06, 450.36.05",
            "cu110, windows, 451.22, 451.21",
            "cu102, linux, 440.33, 440.32",
            "cu102, windows, 441.22, 441.21",
            "cu101, linux, 418.39, 418.38",
            "cu101, windows, 418.96, 418.95",
            "cu100, linux, 410.48, 410.47",
            "cu100, windows, 411.31, 411.30",
            "cu92, linux, 396.26, 396.25",
            "cu92, windows, 398.26, 398.25",
            "cu91, linux, 390.46, 390.45",
            "cu91, windows, 391.29, 391.28",
            "cu90, linux, 384.81, 384.80",
            "cu90, windows, 385.54, 385.53",
            "cu80, linux, 375.26, 375.25",
            "cu80, windows, 376.51, 376.50",
            "cu75, linux, 352.31, 352.30",
            "cu75, windows, 353.66, 353.65",
    })
    void runsFromTheMinimumDriverOnAndNotBelow(String cuda, String os, String minimum, String below) {
        ComputeBackend backend = ComputeBackend.parse(cuda);
        OperatingSystem system = OperatingSystem.parse(os);

        assertThat(NvidiaDriverTable.runs(backend, DriverVersion.parse(minimum), system)).isTrue();
        assertThat(NvidiaDriverTable.runs(backend, DriverVersion.parse(below), system)).isFalse();
        assertThat(NvidiaDriverTable.minimumDriver(backend, system)).contains(DriverVersion.parse(minimum));
    }

    @Test
    void windowsNeedsANewerDriverThanLinuxForCuda12() {
        DriverVersion between = DriverVersion.parse("526.98");

        assertThat(NvidiaDriverTable.runs(ComputeBackend.parse("cu126"), between, OperatingSystem.LINUX)).isTrue();
        assertThat(NvidiaDriverTable.runs(ComputeBackend.parse("cu126"), between, OperatingSystem.WINDOWS)).isFalse();
    }

    @Test
    void driver570RunsEveryCudaBackendUpToCu129NewestFirst() {
        List<ComputeBackend> backends = NvidiaDriverTable.backendsFor(
                DriverVersion.parse("570.86.10"), OperatingSystem.LINUX, INDEX_BACKENDS);

        assertThat(backends).extracting(ComputeBackend::toString).containsExactly(
                "cu129", "cu128", "cu126", "cu124", "cu121", "cu118", "cu117", "cu116", "cu115", "cu113", "cu111",
                "cu110", "cu102", "cu101", "cu100", "cu92", "cu91", "cu90", "cu80", "cu75");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"linux, 580.65.06", "windows, 580.88"})
    void driver580RunsCuda13(String os, String driver) {
        List<ComputeBackend> backends = NvidiaDriverTable.backendsFor(
                DriverVersion.parse(driver), OperatingSystem.parse(os), INDEX_BACKENDS);

        assertThat(backends).extracting(ComputeBackend::toString).startsWith("cu132", "cu130", "cu129");
    }

    @Test
    void anOldDriverRunsOnlyTheOldBackends() {
        List<ComputeBackend> backends = NvidiaDriverTable.backendsFor(
                DriverVersion.parse("450.80.02"), OperatingSystem.LINUX, INDEX_BACKENDS);

        assertThat(backends).extracting(ComputeBackend::toString).startsWith("cu118", "cu117").endsWith("cu75")
                .doesNotContain("cu121");
    }

    @Test
    void macOsRunsNoCuda() {
        DriverVersion newest = DriverVersion.parse("999.99.99");

        assertThat(NvidiaDriverTable.backendsFor(newest, OperatingSystem.MACOS, INDEX_BACKENDS)).isEmpty();
        assertThat(NvidiaDriverTable.minimumDriver(ComputeBackend.parse("cu126"), OperatingSystem.MACOS)).isEmpty();
    }

    @Test
    void anUnlistedCudaMajorNeverCountsAsRunnable() {
        ComputeBackend future = ComputeBackend.parse("cu140");

        assertThat(NvidiaDriverTable.minimumDriver(future, OperatingSystem.LINUX)).isEmpty();
        assertThat(NvidiaDriverTable.runs(future, DriverVersion.parse("999"), OperatingSystem.LINUX)).isFalse();
    }

    @Test
    void ignoresNonCudaBackendsInTheKnownList() {
        List<ComputeBackend> backends = NvidiaDriverTable.backendsFor(DriverVersion.parse("580"),
                OperatingSystem.LINUX, List.of(ComputeBackend.CPU, ComputeBackend.XPU, ComputeBackend.parse("rocm6.4"),
                        ComputeBackend.parse("cu126"), ComputeBackend.parse("cu12.6")));

        assertThat(backends).containsExactly(ComputeBackend.parse("cu126"));
    }

    @Test
    void rejectsANonCudaBackend() {
        assertThatThrownBy(() -> NvidiaDriverTable.runs(ComputeBackend.CPU, DriverVersion.parse("580"),
                OperatingSystem.LINUX)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpu");
    }

    /** Table 3 of the CUDA 13.2 Update 2 release notes, GA rows; no Windows driver is listed from CUDA 13 on. */
    @ParameterizedTest(name = "{0} on {1}: toolkit driver {2}")
    @CsvSource({
            "cu132, linux, 595.45.04",
            "cu130, linux, 580.65.06",
            "cu129, linux, 575.51.03",
            "cu129, windows, 576.02",
            "cu128, linux, 570.26",
            "cu128, windows, 570.65",
            "cu126, linux, 560.28.03",
            "cu126, windows, 560.76",
            "cu124, windows, 551.61",
            "cu121, linux, 530.30.02",
            "cu118, linux, 520.61.05",
            "cu118, windows, 520.06",
            "cu117, linux, 515.43.04",
    })
    void theToolkitDriverIsTable3sGaDriver(String cuda, String os, String driver) {
        assertThat(NvidiaDriverTable.toolkitDriver(ComputeBackend.parse(cuda), OperatingSystem.parse(os)))
                .contains(DriverVersion.parse(driver));
    }

    @Test
    void theToolkitDriverIsAbsentWhereTable3ListsNone() {
        assertThat(NvidiaDriverTable.toolkitDriver(ComputeBackend.parse("cu130"), OperatingSystem.WINDOWS)).isEmpty();
        assertThat(NvidiaDriverTable.toolkitDriver(ComputeBackend.parse("cu134"), OperatingSystem.LINUX)).isEmpty();
        assertThat(NvidiaDriverTable.toolkitDriver(ComputeBackend.parse("cu126"), OperatingSystem.MACOS)).isEmpty();
    }
}
