package org.torchplan.client.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.torchplan.client.detect.FakeCommandRunner.smiQuery;
import static org.torchplan.client.detect.FakeCommandRunner.smiQueryWithoutComputeCapability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe on the files and outputs recorded on a real machine: one NVIDIA H200, open kernel module 580.159.04,
 * Ubuntu 24.04 (recorded/nvidia-h200-linux, copied unedited from shared/hardware/nvidia-h200-linux), and on the
 * same machine with parts of it missing, as containers and WSL present it.
 */
class NvidiaProbeRecordedH200Test {

    private static final String H200 = "nvidia-h200-linux/";

    @TempDir
    Path root;

    private final FakeCommandRunner runner = new FakeCommandRunner();

    private Optional<DetectedGpu.Nvidia> probe() {
        return new NvidiaProbe(FileSystemRoot.at(root), runner, HostSystem.LINUX, Duration.ofSeconds(1)).probe();
    }

    private void nvidiaSmiAnswers(String program) {
        runner.answerRecorded(smiQuery(program), H200 + "nvidia-smi-query-driver-cc-name.csv");
    }

    @Test
    void theWholeMachineGivesDriverFromSysCapabilityAndNameFromNvidiaSmi() {
        Recorded.place(root, NvidiaProbe.SYS_MODULE_VERSION, H200 + "sys-module-nvidia-version.txt");
        Recorded.place(root, NvidiaProbe.PROC_DRIVER_VERSION, H200 + "proc-driver-nvidia-version.txt");
        nvidiaSmiAnswers("nvidia-smi");

        DetectedGpu.Nvidia gpu = probe().orElseThrow();

        // what the client printed on that machine (detect --json), see the recording's README
        assertThat(gpu.driverVersion()).isEqualTo(new Fact("580.159.04", "/sys/module/nvidia/version"));
        assertThat(gpu.computeCapability()).contains(new Fact("9.0", "nvidia-smi"));
        assertThat(gpu.names()).containsExactly("NVIDIA H200");
    }

    @Test
    void withoutSysModuleVersionTheOpenKernelModulesProcFileGivesTheDriver() {
        // "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  580.159.04  Release Build  (nixbld@)"
        Recorded.place(root, NvidiaProbe.PROC_DRIVER_VERSION, H200 + "proc-driver-nvidia-version.txt");
        nvidiaSmiAnswers("nvidia-smi");

        DetectedGpu.Nvidia gpu = probe().orElseThrow();

        assertThat(gpu.driverVersion()).isEqualTo(new Fact("580.159.04", "/proc/driver/nvidia/version"));
        assertThat(gpu.computeCapability()).contains(new Fact("9.0", "nvidia-smi"));
    }

    @Test
    void withOnlyTheProcFileAndNoNvidiaSmiTheDriverIsStillFound() {
        Recorded.place(root, NvidiaProbe.PROC_DRIVER_VERSION, H200 + "proc-driver-nvidia-version.txt");

        DetectedGpu.Nvidia gpu = probe().orElseThrow();

        assertThat(gpu.driverVersion()).isEqualTo(new Fact("580.159.04", "/proc/driver/nvidia/version"));
        assertThat(gpu.computeCapability()).isEmpty();
        assertThat(gpu.names()).isEmpty();
    }

    @Test
    void whenOnlyNvidiaSmiAnswersAsInAContainerItGivesEverything() {
        nvidiaSmiAnswers("nvidia-smi");

        DetectedGpu.Nvidia gpu = probe().orElseThrow();

        assertThat(gpu.driverVersion()).isEqualTo(new Fact("580.159.04", "nvidia-smi"));
        assertThat(gpu.computeCapability()).contains(new Fact("9.0", "nvidia-smi"));
        assertThat(gpu.names()).containsExactly("NVIDIA H200");
    }

    @Test
    void whenOnlyWslsNvidiaSmiAnswersItGivesEverything() {
        nvidiaSmiAnswers(NvidiaProbe.WSL_NVIDIA_SMI);

        DetectedGpu.Nvidia gpu = probe().orElseThrow();

        assertThat(gpu.driverVersion()).isEqualTo(new Fact("580.159.04", NvidiaProbe.WSL_NVIDIA_SMI));
        assertThat(gpu.computeCapability().map(Fact::value)).contains("9.0");
    }

    @Test
    void theQueryWithoutComputeCapabilityStillGivesDriverAndName() {
        runner.answer(smiQuery("nvidia-smi"), 6, Recorded.text("nvidia-smi-unknown-field.txt"));
        runner.answerRecorded(smiQueryWithoutComputeCapability("nvidia-smi"), H200 + "nvidia-smi-query-driver-name.csv");

        DetectedGpu.Nvidia gpu = probe().orElseThrow();

        assertThat(gpu.driverVersion()).isEqualTo(new Fact("580.159.04", "nvidia-smi"));
        assertThat(gpu.computeCapability()).isEmpty();
        assertThat(gpu.names()).containsExactly("NVIDIA H200");
    }

    @Test
    void theRecordedProcFileParsesWithItsTrailingBlanks() {
        assertThat(NvidiaProbe.parseProcDriverVersion(Recorded.text(H200 + "proc-driver-nvidia-version.txt")))
                .contains("580.159.04");
    }
}
