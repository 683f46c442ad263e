package org.torchplan.client.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.torchplan.client.detect.FakeCommandRunner.smiQuery;
import static org.torchplan.client.detect.FakeCommandRunner.smiQueryWithoutComputeCapability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NvidiaProbeTest {

    @TempDir
    Path root;

    private final FakeCommandRunner runner = new FakeCommandRunner();

    private Optional<DetectedGpu.Nvidia> probe(HostSystem host) {
        return new NvidiaProbe(FileSystemRoot.at(root), runner, host, Duration.ofSeconds(1)).probe();
    }

    @Test
    void oneGpuFromNvidiaSmiGivesDriverComputeCapabilityAndName() {
        runner.answerRecorded(smiQuery("nvidia-smi"), "nvidia-smi-one-gpu.txt");

        DetectedGpu.Nvidia gpu = probe(HostSystem.LINUX).orElseThrow();

        assertThat(gpu.driverVersion()).isEqualTo(new Fact("570.86.10", "nvidia-smi"));
        assertThat(gpu.computeCapability()).contains(new Fact("8.6", "nvidia-smi"));
        assertThat(gpu.names()).containsExactly("NVIDIA GeForce RTX 3080");
    }

    @Test
    void fourGpusSendTheLowestComputeCapabilityComparedAsNumbers() {
        runner.answerRecorded(smiQuery("nvidia-smi"), "nvidia-smi-four-gpus.txt");

        DetectedGpu.Nvidia gpu = probe(HostSystem.LINUX).orElseThrow();

        // 12.0 sorts before 8.0 as a string; as a capability it is the highest
        assertThat(gpu.computeCapability().orElseThrow().value()).isEqualTo("8.0");
        assertThat(gpu.computeCapability().orElseThrow().source()).contains("lowest of 4 GPUs");
        assertThat(gpu.names()).hasSize(4).contains("NVIDIA A100-SXM4-80GB");
    }

    @Test
    void kernelModuleVersionFileIsPreferredForTheDriverAndNvidiaSmiStillGivesTheCapability() {
        Recorded.place(root, NvidiaProbe.SYS_MODULE_VERSION, "sys-module-nvidia-version.txt");
        runner.answer(smiQuery("nvidia-smi"), 0, "570.86.10, 7.5, Tesla T4\n");

        DetectedGpu.Nvidia gpu = probe(HostSystem.LINUX).orElseThrow();

        assertThat(gpu.driverVersion()).isEqualTo(new Fact("570.86.10", "/sys/module/nvidia/version"));
        assertThat(gpu.computeCapability().map(Fact::value)).contains("7.5");
    }

    @Test
    void procDriverVersionGivesTheDriverWhenNvidiaSmiIsMissing() {
        Recorded.place(root, NvidiaProbe.PROC_DRIVER_VERSION, "proc-driver-nvidia-version.txt");

        DetectedGpu.Nvidia gpu = probe(HostSystem.LINUX).orElseThrow();

        assertThat(gpu.driverVersion()).isEqualTo(new Fact("535.104.05", "/proc/driver/nvidia/version"));
        assertThat(gpu.computeCapability()).isEmpty();
        assertThat(gpu.names()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "proc-driver-nvidia-version.txt, 535.104.05",
        "proc-driver-nvidia-version-open.txt, 570.86.10",
    })
    void procDriverVersionTextOfBothKernelModulesParses(String recording, String expectedDriver) {
        assertThat(NvidiaProbe.parseProcDriverVersion(Recorded.text(recording))).contains(expectedDriver);
    }

    @Test
    void wslNvidiaSmiIsTriedWhenNoneIsOnPath() {
        runner.answerRecorded(smiQuery(NvidiaProbe.WSL_NVIDIA_SMI), "nvidia-smi-one-gpu.txt");

        DetectedGpu.Nvidia gpu = probe(HostSystem.LINUX).orElseThrow();

        assertThat(gpu.driverVersion().source()).isEqualTo("/usr/lib/wsl/lib/nvidia-smi");
    }

    @Test
    void windowsUsesNvidiaSmiExeAndNoLinuxFiles() {
        Recorded.place(root, NvidiaProbe.SYS_MODULE_VERSION, "sys-module-nvidia-version.txt");
        runner.answer(smiQuery("nvidia-smi.exe"), 0, "572.16, 8.9, NVIDIA GeForce RTX 4090\r\n");

        DetectedGpu.Nvidia gpu = probe(HostSystem.WINDOWS).orElseThrow();

        assertThat(gpu.driverVersion()).isEqualTo(new Fact("572.16", "nvidia-smi.exe"));
        assertThat(gpu.computeCapability().map(Fact::value)).contains("8.9");
    }

    @Test
    void oldDriverWithoutTheComputeCapabilityFieldFallsBackToDriverAndName() {
        runner.answer(smiQuery("nvidia-smi"), 6, Recorded.text("nvidia-smi-unknown-field.txt"));
        runner.answerRecorded(smiQueryWithoutComputeCapability("nvidia-smi"), "nvidia-smi-without-compute-capability.txt");

        DetectedGpu.Nvidia gpu = probe(HostSystem.LINUX).orElseThrow();

        assertThat(gpu.driverVersion().value()).isEqualTo("535.104.05");
        assertThat(gpu.computeCapability()).isEmpty();
        assertThat(gpu.names()).containsExactly("NVIDIA GeForce GTX 1080");
    }

    @Test
    void garbageOutputIsNotFound() {
        runner.answerRecorded(smiQuery("nvidia-smi"), "garbage.txt");
        Recorded.place(root, NvidiaProbe.PROC_DRIVER_VERSION, "garbage.txt");
        Recorded.place(root, NvidiaProbe.SYS_MODULE_VERSION, "garbage.txt");

        assertThat(probe(HostSystem.LINUX)).isEmpty();
    }

    @Test
    void noDriverAndNoToolIsNotFoundAndNeverAnError() {
        assertThat(probe(HostSystem.LINUX)).isEmpty();
        assertThat(runner.invocations()).extracting(argv -> argv.get(0))
                .contains("nvidia-smi", NvidiaProbe.WSL_NVIDIA_SMI);
    }

    @Test
    void macosHasNoNvidiaProbe() {
        runner.answerRecorded(smiQuery("nvidia-smi"), "nvidia-smi-one-gpu.txt");

        assertThat(probe(HostSystem.MACOS)).isEmpty();
        assertThat(runner.invocations()).isEqualTo(List.of());
    }
}
