package org.torchplan.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torchplan.client.detect.DetectedGpu;
import org.torchplan.client.detect.Fact;
import org.torchplan.client.detect.Machine;
import org.torchplan.client.detect.ProbeAttempt;

class MachinePrinterTest {

    private static Machine machineWith(List<DetectedGpu> gpus, List<ProbeAttempt> probes) {
        return new Machine(new Fact("linux", "test"), new Fact("x86_64", "test"), Optional.empty(), Optional.empty(),
                "python3", Optional.empty(), gpus, List.of(), probes);
    }

    private static String human(Machine machine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MachinePrinter.printHuman(machine, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NVIDIA H200                                   | NVIDIA H200",
        "Tesla T4                                      | NVIDIA Tesla T4",
        "NVIDIA H100 80GB HBM3;NVIDIA H100 80GB HBM3;NVIDIA A100-SXM4-80GB | 2x NVIDIA H100 80GB HBM3, NVIDIA A100-SXM4-80GB",
    })
    void eachGpuNameIsPrintedOnceWithTheVendorOnce(String names, String expected) {
        assertThat(MachinePrinter.nvidiaNames(List.of(names.split(";")))).isEqualTo(expected);
    }

    @Test
    void eightH200sReadAsOneName() {
        Machine machine = machineWith(List.of(new DetectedGpu.Nvidia(new Fact("570.86.10", "nvidia-smi"),
                Optional.of(new Fact("9.0", "nvidia-smi (lowest of 8 GPUs)")),
                Collections.nCopies(8, "NVIDIA H200"))), List.of());

        assertThat(human(machine)).contains("GPU               8x NVIDIA H200; driver 570.86.10 (from nvidia-smi); "
                + "compute capability 9.0 (from nvidia-smi (lowest of 8 GPUs))").doesNotContain("NVIDIA NVIDIA");
    }

    @Test
    void anIntelDeviceIsNamedOnce() {
        Machine machine = machineWith(List.of(new DetectedGpu.Intel(
                new Fact("Intel display device 0x56a0", "/sys/bus/pci/devices/0000:03:00.0"))), List.of());

        assertThat(human(machine))
                .contains("GPU               Intel display device 0x56a0 (from /sys/bus/pci/devices/0000:03:00.0)")
                .doesNotContain("Intel Intel");
    }

    @Test
    void probesAreListedAfterTheFactsAlsoWhenNothingWasFound() {
        Machine machine = machineWith(List.of(), List.of(
                new ProbeAttempt("NVIDIA", "/sys/module/nvidia/version", "not present"),
                new ProbeAttempt("AMD", "rocminfo", "exited with code 1"),
                new ProbeAttempt("Intel", "/sys/bus/pci/devices", "no Intel display device among 3 PCI devices")));

        assertThat(human(machine)).contains("GPU               none found (plans are for cpu)",
                "GPU probes tried:\n"
                        + "  NVIDIA  /sys/module/nvidia/version: not present\n"
                        + "  AMD     rocminfo: exited with code 1\n"
                        + "  Intel   /sys/bus/pci/devices: no Intel display device among 3 PCI devices\n");
    }
}
