package org.torchplan.client.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmdProbeTest {

    @TempDir
    Path root;

    private final FakeCommandRunner runner = new FakeCommandRunner();

    private Optional<DetectedGpu.Amd> probe() {
        return new AmdProbe(FileSystemRoot.at(root), runner, HostSystem.LINUX, Duration.ofSeconds(1)).probe();
    }

    @Test
    void rocmAgentEnumeratorListsGpusWithoutTheCpuAgent() {
        runner.answerRecorded(List.of("rocm_agent_enumerator"), "rocm_agent_enumerator.txt");

        DetectedGpu.Amd gpu = probe().orElseThrow();

        assertThat(gpu.architecture()).isEqualTo(new Fact("gfx90a", "rocm_agent_enumerator"));
        assertThat(gpu.allArchitectures()).containsExactly("gfx90a");
    }

    @Test
    void rocminfoNamesEveryGpuAgentAndNotTheCpuOrIsaLines() {
        runner.answerRecorded(List.of("rocminfo"), "rocminfo.txt");

        DetectedGpu.Amd gpu = probe().orElseThrow();

        assertThat(gpu.architecture()).isEqualTo(new Fact("gfx90a", "rocminfo (lowest of 2 architectures)"));
        assertThat(gpu.allArchitectures()).containsExactly("gfx90a", "gfx1100");
    }

    @Test
    void kfdTopologyIsReadWhenRocmIsNotInstalled() {
        Recorded.place(root, AmdProbe.KFD_NODES + "/0/properties", "kfd-properties-cpu.txt");
        Recorded.place(root, AmdProbe.KFD_NODES + "/1/properties", "kfd-properties-gfx90a.txt");
        Recorded.place(root, AmdProbe.KFD_NODES + "/2/properties", "kfd-properties-gfx1100.txt");

        DetectedGpu.Amd gpu = probe().orElseThrow();

        assertThat(gpu.architecture().value()).isEqualTo("gfx90a");
        assertThat(gpu.architecture().source())
                .isEqualTo("/sys/class/kfd/kfd/topology/nodes/*/properties (lowest of 2 architectures)");
        assertThat(gpu.allArchitectures()).containsExactly("gfx90a", "gfx1100");
    }

    @ParameterizedTest
    @CsvSource({
        "90010, gfx90a",
        "90400, gfx940",
        "90402, gfx942",
        "100300, gfx1030",
        "110000, gfx1100",
        "110001, gfx1101",
        "120001, gfx1201",
        "90006, gfx906",
        "90008, gfx908",
    })
    void gfxTargetVersionConvertsToTheLlvmName(long targetVersion, String expected) {
        assertThat(AmdProbe.gfxName(targetVersion)).isEqualTo(expected);
    }

    @Test
    void cpuOnlyTopologyAndGarbageAreNotFound() {
        Recorded.place(root, AmdProbe.KFD_NODES + "/0/properties", "kfd-properties-cpu.txt");
        Recorded.place(root, AmdProbe.KFD_NODES + "/1/properties", "garbage.txt");
        runner.answerRecorded(List.of("rocminfo"), "garbage.txt");
        runner.answerRecorded(List.of("rocm_agent_enumerator"), "garbage.txt");

        assertThat(probe()).isEmpty();
    }

    @Test
    void failingRocminfoFallsThroughToTheTopology() {
        runner.answer(List.of("rocminfo"), 1, "ROCk module is NOT loaded, possibly no GPU devices\n");
        Recorded.place(root, AmdProbe.KFD_NODES + "/1/properties", "kfd-properties-gfx1100.txt");

        assertThat(probe().orElseThrow().architecture().value()).isEqualTo("gfx1100");
    }

    @Test
    void withSeveralArchitecturesTheLowestIsSentWhateverTheOrderFound() {
        runner.answer(List.of("rocm_agent_enumerator"), 0, "gfx000\ngfx1100\ngfx942\ngfx90a\ngfx1100\n");

        DetectedGpu.Amd gpu = probe().orElseThrow();

        assertThat(gpu.architecture()).isEqualTo(new Fact("gfx90a", "rocm_agent_enumerator (lowest of 3 architectures)"));
        assertThat(gpu.allArchitectures()).containsExactly("gfx1100", "gfx942", "gfx90a");
    }

    @Test
    void everyPlaceLookedAtIsLoggedWithWhatItFound() {
        runner.answer(List.of("rocminfo"), 1, "ROCk module is NOT loaded, possibly no GPU devices\n");

        AmdProbe amd = new AmdProbe(FileSystemRoot.at(root), runner, HostSystem.LINUX, Duration.ofSeconds(1));
        amd.probe();

        assertThat(amd.attempts()).containsExactly(
                new ProbeAttempt("AMD", "rocm_agent_enumerator", "did not run (not installed, or no answer within 1 s)"),
                new ProbeAttempt("AMD", "rocminfo", "exited with code 1"),
                new ProbeAttempt("AMD", AmdProbe.KFD_NODES, "not present (no amdgpu kernel driver)"));
    }
}
