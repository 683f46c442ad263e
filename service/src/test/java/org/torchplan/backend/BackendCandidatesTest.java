package org.torchplan.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.torchplan.packaging.OperatingSystem;

class BackendCandidatesTest {

    private static final List<ComputeBackend> INDEX_BACKENDS = RecordedIndexBackendsTest.STABLE_FOLDERS.stream()
            .map(ComputeBackend::parse)
            .toList();

    private static final List<ComputeBackend> CURRENT = backends("cpu", "cu126", "cu128", "cu129", "cu130", "cu132",
            "rocm6.3", "rocm6.4", "rocm7.0", "rocm7.1", "rocm7.2", "xpu");

    @Test
    void nvidiaGetsTheNewestCudaItsDriverRunsFirstAndCpuLast() {
        BackendCandidates candidates = BackendCandidates.of(Optional.of(nvidia("570.86.10", null)),
                OperatingSystem.LINUX, CURRENT);

        assertThat(candidates.backends()).extracting(ComputeBackend::toString)
                .containsExactly("cu129", "cu128", "cu126", "cpu");
        assertThat(candidates.explanations()).contains("driver 570.86.10 runs CUDA backends up to cu129 on linux");
    }

    @Test
    void nvidiaWith580GetsCuda13First() {
        BackendCandidates candidates = BackendCandidates.of(Optional.of(nvidia("580.65.06", "12.0")),
                OperatingSystem.WINDOWS, CURRENT);

        assertThat(candidates.backends()).extracting(ComputeBackend::toString)
                .containsExactly("cu132", "cu130", "cu129", "cu128", "cu126", "cpu");
        assertThat(candidates.explanations()).anyMatch(line -> line.contains("compute capability 12.0"));
    }

    @Test
    void candidatesAreRestrictedToTheAvailableBackends() {
        BackendCandidates candidates = BackendCandidates.of(Optional.of(nvidia("580", null)), OperatingSystem.LINUX,
                backends("cu118", "cu126", "cpu"));

        assertThat(candidates.backends()).extracting(ComputeBackend::toString).containsExactly("cu126", "cu118", "cpu");
    }

    @Test
    void aDriverTooOldForEveryOfferedCudaFallsBackToCpuAndSaysWhy() {
        BackendCandidates candidates = BackendCandidates.of(Optional.of(nvidia("470.57.02", null)),
                OperatingSystem.LINUX, CURRENT);

        assertThat(candidates.backends()).containsExactly(ComputeBackend.CPU);
        assertThat(candidates.explanations()).anyMatch(line -> line.contains("runs none of the offered CUDA backends")
                && line.contains("cu126") && line.contains("525.60.13"));
    }

    @Test
    void amdGetsTheNewestRocmCarryingItsArchitectureFirst() {
        BackendCandidates candidates = BackendCandidates.of(Optional.of(new Gpu.Amd("gfx1201")),
                OperatingSystem.LINUX, CURRENT);

        assertThat(candidates.backends()).extracting(ComputeBackend::toString)
                .containsExactly("rocm7.2", "rocm7.1", "rocm7.0", "rocm6.4", "rocm6.3", "cpu");
        assertThat(candidates.explanations()).contains("gfx1201 is carried by builds for rocm7.2, rocm7.1, rocm7.0,"
                + " rocm6.4, rocm6.3; each torch release's list is checked");
    }

    @Test
    void amdWithUnestablishedBackendsSaysWhichWereLeftOut() {
        BackendCandidates candidates = BackendCandidates.of(Optional.of(new Gpu.Amd("gfx1101:xnack-")),
                OperatingSystem.LINUX, INDEX_BACKENDS);

        // torch 2.7.1+rocm6.2.4 carries gfx1101; rocm6.1's 2.6 list is known only in part, rocm5.2 not at all
        assertThat(candidates.backends()).extracting(ComputeBackend::toString)
                .containsExactly("rocm7.2", "rocm7.1", "rocm7.0", "rocm6.4", "rocm6.3", "rocm6.2.4", "cpu");
        assertThat(candidates.explanations()).anyMatch(line -> line.contains("not established")
                && line.contains("rocm6.1") && line.contains("rocm5.2") && !line.contains("rocm6.2,"));
    }

    @Test
    void amdOutsideTheTableGetsCpu() {
        BackendCandidates candidates = BackendCandidates.of(Optional.of(new Gpu.Amd("gfx803")),
                OperatingSystem.LINUX, CURRENT);

        assertThat(candidates.backends()).containsExactly(ComputeBackend.CPU);
        assertThat(candidates.explanations()).anyMatch(line -> line.contains("gfx803 is not in the ROCm architecture table"));
    }

    @Test
    void amdOnWindowsGetsCpuBecauseRocmWheelsAreLinuxOnly() {
        BackendCandidates candidates = BackendCandidates.of(Optional.of(new Gpu.Amd("gfx1100")),
                OperatingSystem.WINDOWS, CURRENT);

        assertThat(candidates.backends()).containsExactly(ComputeBackend.CPU);
        assertThat(candidates.explanations()).anyMatch(line -> line.contains("Linux only"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = OperatingSystem.class, names = {"LINUX", "WINDOWS"})
    void intelGetsXpuThenCpu(OperatingSystem os) {
        BackendCandidates candidates = BackendCandidates.of(Optional.of(new Gpu.Intel()), os, CURRENT);

        assertThat(candidates.backends()).extracting(ComputeBackend::toString).containsExactly("xpu", "cpu");
    }

    @Test
    void intelSaysWhatTheXpuWheelsNeed() {
        BackendCandidates candidates = BackendCandidates.of(Optional.of(new Gpu.Intel()), OperatingSystem.WINDOWS,
                CURRENT);

        assertThat(candidates.explanations()).anyMatch(line -> line.contains("Arc A- and B-Series")
                && line.contains("Intel GPU driver installed first") && line.contains("get_start_xpu"));
    }

    @Test
    void aDriverThatCannotRunTheGpuGetsNoCudaBackendAndAWarning() {
        // Blackwell (12.0) needs the CUDA 12.8 driver 570.26; driver 550 predates it
        BackendCandidates candidates = BackendCandidates.of(Optional.of(nvidia("550.163.01", "12.0")),
                OperatingSystem.LINUX, CURRENT);

        assertThat(candidates.backends()).containsExactly(ComputeBackend.CPU);
        assertThat(candidates.warnings()).singleElement().asString()
                .contains("driver 550.163.01 cannot run compute capability 12.0", "570.26");
        assertThat(candidates.explanations()).anyMatch(line -> line.endsWith("no CUDA backend applies"));
    }

    @Test
    void withoutAComputeCapabilityTheListsAreNotCheckedAndTheExplanationSaysSo() {
        BackendCandidates candidates = BackendCandidates.of(Optional.of(nvidia("570.86.10", null)),
                OperatingSystem.LINUX, CURRENT);

        assertThat(candidates.explanations())
                .contains("no compute capability given: the CUDA builds' architecture lists are not checked");
        assertThat(candidates.warnings()).isEmpty();
    }

    @Test
    void intelWithoutAnXpuBackendGetsCpu() {
        BackendCandidates candidates = BackendCandidates.of(Optional.of(new Gpu.Intel()), OperatingSystem.LINUX,
                backends("cpu", "cu126"));

        assertThat(candidates.backends()).containsExactly(ComputeBackend.CPU);
    }

    @Test
    void macOsGetsCpuOnlyWhateverTheGpu() {
        for (Gpu gpu : List.of(nvidia("580", "8.6"), new Gpu.Amd("gfx90a"), new Gpu.Intel())) {
            BackendCandidates candidates = BackendCandidates.of(Optional.of(gpu), OperatingSystem.MACOS, CURRENT);

            assertThat(candidates.backends()).containsExactly(ComputeBackend.CPU);
            assertThat(candidates.explanations()).anyMatch(line -> line.startsWith("macOS"));
        }
    }

    @Test
    void noGpuGetsCpu() {
        BackendCandidates candidates = BackendCandidates.of(Optional.empty(), OperatingSystem.LINUX, CURRENT);

        assertThat(candidates.backends()).containsExactly(ComputeBackend.CPU);
        assertThat(candidates.explanations()).containsExactly("no GPU reported: only the cpu backend applies");
    }

    @Test
    void withoutACpuBackendTheListEndsWithTheAccelerators() {
        BackendCandidates candidates = BackendCandidates.of(Optional.of(nvidia("580", null)), OperatingSystem.LINUX,
                backends("cu130"));

        assertThat(candidates.backends()).extracting(ComputeBackend::toString).containsExactly("cu130");
        assertThat(candidates.explanations()).contains("the catalog offers no cpu backend");
    }

    @Test
    void theResultCannotBeModified() {
        BackendCandidates candidates = BackendCandidates.of(Optional.empty(), OperatingSystem.LINUX, CURRENT);

        assertThatThrownBy(() -> candidates.backends().add(ComputeBackend.XPU))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> candidates.explanations().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private static Gpu nvidia(String driver, String computeCapability) {
        return new Gpu.Nvidia(DriverVersion.parse(driver),
                Optional.ofNullable(computeCapability).map(ComputeCapability::parse));
    }

    private static List<ComputeBackend> backends(String... names) {
        return List.of(names).stream().map(ComputeBackend::parse).toList();
    }
}
