package org.torchplan.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchplan.client.testing.FakePython;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DetectCommandTest {

    private static final Map<String, String> NVIDIA = Map.of("TORCHPLAN_CUDA_DRIVER_VERSION", "570.86.10");

    @TempDir
    Path directory;

    @Test
    void factsArePrintedWithTheirSources() {
        FakePython python = FakePython.create(directory);

        CommandLineRun run = CommandLineRun.run(NVIDIA, "detect", "--python", python.path());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Operating system  linux (from /fake/venv/bin/python platform)",
                "glibc             2.35", "Python            3.12.4 cpython, ABI cp312",
                "GPU               NVIDIA; driver 570.86.10 (from environment TORCHPLAN_CUDA_DRIVER_VERSION)");
    }

    @Test
    void jsonHasEveryFactWithItsSource() {
        FakePython python = FakePython.create(directory);

        CommandLineRun run = CommandLineRun.run(NVIDIA, "detect", "--json", "--python", python.path());

        JsonNode json = JsonMapper.shared().readTree(run.out());
        assertThat(json.path("os").path("value").stringValue()).isEqualTo("linux");
        assertThat(json.path("python").path("abi").stringValue()).isEqualTo("cp312");
        assertThat(json.path("gpus").get(0).path("driverVersion").path("source").stringValue())
                .isEqualTo("environment TORCHPLAN_CUDA_DRIVER_VERSION");
    }

    @Test
    void aMissingInterpreterIsReportedNotFatal() {
        CommandLineRun run = CommandLineRun.run(Map.of("TORCHPLAN_NO_GPU", "1"), "detect", "--python",
                directory.resolve("nope").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Python            not found", "GPU               none found");
    }

    @Test
    void withoutAGpuEveryVendorsProbesAreListed() {
        FakePython python = FakePython.create(directory);

        CommandLineRun run = CommandLineRun.run(Map.of(), "detect", "--python", python.path());
        JsonNode json = JsonMapper.shared().readTree(
                CommandLineRun.run(Map.of(), "detect", "--json", "--python", python.path()).out());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("GPU probes tried:", "  NVIDIA  ", "  AMD     ", "  Intel   ");
        assertThat(json.path("probes").valueStream().map(probe -> probe.path("probe").stringValue()).distinct())
                .containsExactly("NVIDIA", "AMD", "Intel");
    }
}
