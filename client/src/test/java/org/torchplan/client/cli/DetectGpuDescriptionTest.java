package org.torchplan.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torchplan.client.detect.DetectedGpu;
import org.torchplan.client.detect.Fact;

class DetectGpuDescriptionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // the recorded H200 is named "NVIDIA H200" by nvidia-smi: the vendor is not said twice
            "NVIDIA H200 | NVIDIA H200; driver 580.159.04 (from /sys/module/nvidia/version); compute capability 9.0 (from nvidia-smi)",
            "Tesla T4 | NVIDIA Tesla T4; driver 580.159.04 (from /sys/module/nvidia/version); compute capability 9.0 (from nvidia-smi)",
            "nvidia a100 | nvidia a100; driver 580.159.04 (from /sys/module/nvidia/version); compute capability 9.0 (from nvidia-smi)",
    })
    void namesTheVendorOnce(String name, String described) {
        DetectedGpu.Nvidia gpu = new DetectedGpu.Nvidia(new Fact("580.159.04", "/sys/module/nvidia/version"),
                Optional.of(new Fact("9.0", "nvidia-smi")), List.of(name));

        assertThat(MachinePrinter.describe(gpu)).isEqualTo(described);
    }

    @ParameterizedTest(name = "no names")
    @CsvSource("570.86.10")
    void withoutNamesTheVendorAlone(String driver) {
        DetectedGpu.Nvidia gpu = new DetectedGpu.Nvidia(new Fact(driver, "environment"), Optional.empty(), List.of());

        assertThat(MachinePrinter.describe(gpu)).isEqualTo("NVIDIA; driver 570.86.10 (from environment)");
    }
}
