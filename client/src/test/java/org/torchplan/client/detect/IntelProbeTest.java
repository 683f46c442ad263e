package org.torchplan.client.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntelProbeTest {

    @TempDir
    Path root;

    private void device(String address, String vendor, String pciClass, String deviceId) {
        String directory = IntelProbe.PCI_DEVICES + "/" + address;
        Recorded.write(root, directory + "/vendor", vendor + "\n");
        Recorded.write(root, directory + "/class", pciClass + "\n");
        Recorded.write(root, directory + "/device", deviceId + "\n");
    }

    @Test
    void intelDisplayControllerIsFound() {
        device("0000:00:1f.3", "0x8086", "0x040300", "0x51c8");
        device("0000:03:00.0", "0x8086", "0x030000", "0x56a0");

        DetectedGpu.Intel gpu = new IntelProbe(FileSystemRoot.at(root), HostSystem.LINUX).probe().orElseThrow();

        assertThat(gpu.device()).isEqualTo(new Fact("Intel display device 0x56a0", "/sys/bus/pci/devices/0000:03:00.0"));
    }

    @Test
    void otherVendorsDisplayDevicesAndIntelNonDisplayDevicesAreNotIntelGpus() {
        device("0000:00:1f.3", "0x8086", "0x040300", "0x51c8");
        device("0000:01:00.0", "0x10de", "0x030000", "0x2684");

        assertThat(new IntelProbe(FileSystemRoot.at(root), HostSystem.LINUX).probe()).isEmpty();
    }

    @Test
    void missingSysfsIsNotFound() {
        assertThat(new IntelProbe(FileSystemRoot.at(root.resolve("absent")), HostSystem.LINUX).probe()).isEmpty();
    }
}
