package org.torchplan.client.detect;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds an Intel GPU as a display-class PCI device (class 0x03xxxx) with vendor 0x8086. */
public final class IntelProbe {

    static final String PCI_DEVICES = "/sys/bus/pci/devices";
    private static final String INTEL_VENDOR = "0x8086";
    private static final String DISPLAY_CLASS_PREFIX = "0x03";

    private final FileSystemRoot root;
    private final HostSystem host;
    private final ProbeLog log = new ProbeLog("Intel");

    public IntelProbe(FileSystemRoot root, HostSystem host) {
        this.root = root;
        this.host = host;
    }

    /** Where this probe looked and what it found. */
    public List<ProbeAttempt> attempts() {
        return log.attempts();
    }

    public Optional<DetectedGpu.Intel> probe() {
        if (host != HostSystem.LINUX) {
            log.record(PCI_DEVICES, "skipped: only looked for on Linux");
            return Optional.empty();
        }
        List<String> devices = root.list(PCI_DEVICES);
        for (String device : devices) {
            String directory = PCI_DEVICES + "/" + device;
            boolean intel = root.read(directory + "/vendor").map(IntelProbe::normalized).filter(INTEL_VENDOR::equals).isPresent();
            boolean display = root.read(directory + "/class").map(IntelProbe::normalized)
                    .filter(pciClass -> pciClass.startsWith(DISPLAY_CLASS_PREFIX)).isPresent();
            if (intel && display) {
                String deviceId = root.read(directory + "/device").map(IntelProbe::normalized).orElse("unknown");
                log.record(PCI_DEVICES, "found Intel display device " + deviceId + " at " + device);
                return Optional.of(new DetectedGpu.Intel(new Fact("Intel display device " + deviceId, directory)));
            }
        }
        log.record(PCI_DEVICES, devices.isEmpty() ? "not present"
                : "no Intel display device among " + devices.size() + " PCI devices");
        return Optional.empty();
    }

    private static String normalized(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }
}
