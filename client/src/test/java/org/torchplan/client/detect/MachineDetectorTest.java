package org.torchplan.client.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.torchplan.client.detect.FakeCommandRunner.smiQuery;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MachineDetectorTest {

    @TempDir
    Path root;

    private final FakeCommandRunner runner = new FakeCommandRunner();

    @BeforeEach
    void interpreterAnswers() {
        runner.answer(List.of("python3", "-I", "-S", "-c", PythonProbe.SCRIPT), 0, PythonProbeTest.LINUX_CPYTHON_312);
    }

    private Machine detect(Map<String, String> environment) {
        return new MachineDetector(environment, FileSystemRoot.at(root), runner, HostSystem.LINUX,
                Duration.ofSeconds(1), Duration.ofSeconds(1)).detect("python3");
    }

    @Test
    void platformFactsComeFromTheInterpreter() {
        Machine machine = detect(Map.of());

        assertThat(machine.operatingSystem().value()).isEqualTo("linux");
        assertThat(machine.architecture().value()).isEqualTo("x86_64");
        assertThat(machine.glibcVersion().map(Fact::value)).contains("2.35");
        assertThat(machine.python().orElseThrow().abiTag()).isEqualTo("cp312");
        assertThat(machine.gpus()).isEmpty();
    }

    @Test
    void nvidiaIsPreferredOverAnIntelDisplayDevice() {
        runner.answerRecorded(smiQuery("nvidia-smi"), "nvidia-smi-one-gpu.txt");
        Recorded.write(root, "/sys/bus/pci/devices/0000:00:02.0/vendor", "0x8086\n");
        Recorded.write(root, "/sys/bus/pci/devices/0000:00:02.0/class", "0x030000\n");

        Machine machine = detect(Map.of());

        assertThat(machine.gpu().orElseThrow()).isInstanceOf(DetectedGpu.Nvidia.class);
        assertThat(machine.gpus()).hasSize(2);
    }

    @Test
    void driverOverrideReplacesTheProbes() {
        runner.answerRecorded(smiQuery("nvidia-smi"), "nvidia-smi-one-gpu.txt");

        Machine machine = detect(Map.of(MachineDetector.CUDA_DRIVER_VERSION, "550.54.14",
                MachineDetector.CUDA_COMPUTE_CAPABILITY, "9.0"));

        DetectedGpu.Nvidia gpu = (DetectedGpu.Nvidia) machine.gpu().orElseThrow();
        assertThat(gpu.driverVersion()).isEqualTo(new Fact("550.54.14", "environment TORCHPLAN_CUDA_DRIVER_VERSION"));
        assertThat(gpu.computeCapability().map(Fact::value)).contains("9.0");
        assertThat(runner.invocations()).noneMatch(argv -> argv.get(0).contains("nvidia-smi"));
    }

    @Test
    void computeCapabilityOverrideAloneCorrectsTheProbedGpu() {
        runner.answerRecorded(smiQuery("nvidia-smi"), "nvidia-smi-one-gpu.txt");

        Machine machine = detect(Map.of(MachineDetector.CUDA_COMPUTE_CAPABILITY, "12.0"));

        DetectedGpu.Nvidia gpu = (DetectedGpu.Nvidia) machine.gpu().orElseThrow();
        assertThat(gpu.driverVersion().value()).isEqualTo("570.86.10");
        assertThat(gpu.computeCapability().orElseThrow())
                .isEqualTo(new Fact("12.0", "environment TORCHPLAN_CUDA_COMPUTE_CAPABILITY"));
    }

    @Test
    void amdArchitectureOverride() {
        Machine machine = detect(Map.of(MachineDetector.AMD_GPU_ARCHITECTURE, "gfx942"));

        assertThat(machine.gpu().orElseThrow()).isEqualTo(
                new DetectedGpu.Amd(new Fact("gfx942", "environment TORCHPLAN_AMD_GPU_ARCHITECTURE"), List.of("gfx942")));
    }

    @Test
    void noGpuWinsOverEverythingElse() {
        runner.answerRecorded(smiQuery("nvidia-smi"), "nvidia-smi-one-gpu.txt");

        Machine machine = detect(Map.of(MachineDetector.NO_GPU, "1", MachineDetector.CUDA_DRIVER_VERSION, "570.86.10"));

        assertThat(machine.gpus()).isEmpty();
        assertThat(machine.notes()).anyMatch(note -> note.contains("TORCHPLAN_NO_GPU"));
    }

    @Test
    void missingInterpreterStillDescribesTheMachine() {
        Machine machine = new MachineDetector(Map.of(), FileSystemRoot.at(root), runner, HostSystem.LINUX,
                Duration.ofSeconds(1), Duration.ofSeconds(1)).detect("/no/such/python");

        assertThat(machine.python()).isEmpty();
        assertThat(machine.operatingSystem().source()).isEqualTo("the Java runtime");
    }

    @Test
    void aProbeThatBreaksFindsNothingInsteadOfStoppingDetection() {
        CommandRunner broken = (argv, timeout) -> {
            throw new IllegalStateException("tool crashed the runner");
        };

        Machine machine = new MachineDetector(Map.of(), FileSystemRoot.at(root), broken, HostSystem.LINUX,
                Duration.ofSeconds(1), Duration.ofSeconds(1)).detect("python3");

        assertThat(machine.python()).isEmpty();
        assertThat(machine.gpus()).isEmpty();
        assertThat(machine.notes()).anyMatch(note -> note.startsWith("the NVIDIA probe failed"))
                .anyMatch(note -> note.startsWith("the Python probe failed"));
    }

    @Test
    void withNoGpuEveryProbeTriedIsListedWithWhatItFound() {
        Recorded.write(root, "/sys/bus/pci/devices/0000:00:1f.3/vendor", "0x8086\n");
        Recorded.write(root, "/sys/bus/pci/devices/0000:00:1f.3/class", "0x040300\n");

        Machine machine = detect(Map.of());

        String notInstalled = "did not run (not installed, or no answer within 1 s)";
        assertThat(machine.gpus()).isEmpty();
        assertThat(machine.probes()).containsExactly(
                new ProbeAttempt("NVIDIA", "/sys/module/nvidia/version", "not present"),
                new ProbeAttempt("NVIDIA", "/proc/driver/nvidia/version", "not present"),
                new ProbeAttempt("NVIDIA", "nvidia-smi --query-gpu=driver_version,compute_cap,name --format=csv,noheader",
                        notInstalled),
                new ProbeAttempt("NVIDIA", "nvidia-smi --query-gpu=driver_version,name --format=csv,noheader", notInstalled),
                new ProbeAttempt("NVIDIA", NvidiaProbe.WSL_NVIDIA_SMI
                        + " --query-gpu=driver_version,compute_cap,name --format=csv,noheader", notInstalled),
                new ProbeAttempt("NVIDIA", NvidiaProbe.WSL_NVIDIA_SMI
                        + " --query-gpu=driver_version,name --format=csv,noheader", notInstalled),
                new ProbeAttempt("AMD", "rocm_agent_enumerator", notInstalled),
                new ProbeAttempt("AMD", "rocminfo", notInstalled),
                new ProbeAttempt("AMD", AmdProbe.KFD_NODES, "not present (no amdgpu kernel driver)"),
                new ProbeAttempt("Intel", IntelProbe.PCI_DEVICES, "no Intel display device among 1 PCI devices"));
    }

    @Test
    void aFoundGpuIsLoggedByTheProbeThatFoundIt() {
        runner.answerRecorded(smiQuery("nvidia-smi"), "nvidia-smi-four-gpus.txt");

        Machine machine = detect(Map.of());

        assertThat(machine.probes()).contains(new ProbeAttempt("NVIDIA", String.join(" ", smiQuery("nvidia-smi")),
                "driver 570.86.10, 4 GPUs, compute capability at least 8.0"));
    }

    @Test
    void aGpuNamedByTheEnvironmentRunsNoProbe() {
        Machine machine = detect(Map.of(MachineDetector.CUDA_DRIVER_VERSION, "570.86.10"));

        assertThat(machine.probes()).isEmpty();
        assertThat(machine.notes()).contains("GPU taken from the environment; hardware probes skipped");
    }

    @ParameterizedTest
    @CsvSource({
        "x86_64, linux, x86_64",
        "AMD64, windows, x86_64",
        "arm64, macos, arm64",
        "aarch64, linux, aarch64",
        "ARM64, windows, aarch64",
        "s390x, linux, s390x",
    })
    void architectureNamesAreTheServices(String machine, String operatingSystem, String expected) {
        assertThat(MachineDetector.architectureId(machine, operatingSystem)).isEqualTo(expected);
    }
}
