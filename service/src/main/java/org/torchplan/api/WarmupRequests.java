package org.torchplan.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests the warm-up plans: the machines a fleet has (NVIDIA drivers of several branches, AMD, Intel, CPU,
 * Windows, macOS, ARM), the requirement shapes clients send, every rendering. Plain data: a machine that matters
 * is one line here. Refusals (a driver too old for any CUDA build) are part of the set: they are requests too.
 * Only PyTorch packages: a third-party requirement would read the third-party index before the service is ready.
 */
final class WarmupRequests {

    private static final List<String> REQUIREMENTS = List.of(
            "[\"torch\"]",
            "[\"torch\", \"torchvision\", \"torchaudio\"]",
            "[\"torch>=2.6\", \"torchvision<0.30\"]",
            "[\"torchvision==0.27.*\"]",
            "[\"torch; python_version >= '3.9'\", \"torchaudio\"]");

    private static final List<String> MACHINES = List.of(
            "\"platform\": {\"os\": \"linux\", \"arch\": \"x86_64\", \"glibc\": \"2.35\"},"
                    + " \"gpu\": {\"vendor\": \"nvidia\", \"driverVersion\": \"570.86.10\", \"computeCapability\": \"8.6\"}",
            "\"platform\": {\"os\": \"linux\", \"arch\": \"x86_64\", \"glibc\": \"2.31\"},"
                    + " \"gpu\": {\"vendor\": \"nvidia\", \"driverVersion\": \"535.104.05\"}",
            "\"platform\": {\"os\": \"linux\", \"arch\": \"x86_64\"},"
                    + " \"gpu\": {\"vendor\": \"nvidia\", \"driverVersion\": \"580.65.06\", \"computeCapability\": \"12.0\"}",
            "\"platform\": {\"os\": \"linux\", \"arch\": \"x86_64\"}, \"gpu\": {\"vendor\": \"amd\", \"architecture\": \"gfx90a\"}",
            "\"platform\": {\"os\": \"linux\", \"arch\": \"x86_64\"}, \"gpu\": {\"vendor\": \"intel\"}",
            "\"platform\": {\"os\": \"linux\", \"arch\": \"x86_64\", \"glibc\": \"2.28\"}",
            "\"platform\": {\"os\": \"linux\", \"arch\": \"aarch64\", \"glibc\": \"2.35\"}",
            "\"platform\": {\"os\": \"windows\", \"arch\": \"amd64\"},"
                    + " \"gpu\": {\"vendor\": \"nvidia\", \"driverVersion\": \"581.15\"}",
            "\"platform\": {\"os\": \"macos\", \"arch\": \"arm64\", \"macos\": \"14.0\"}");

    private static final List<String> PYTHONS = List.of("cp312", "cp310", "cp313");

    private WarmupRequests() {
    }

    /** Every combination, as the JSON bodies of POST /plan, in an order that varies machine and shape quickly. */
    static List<byte[]> bodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (String python : PYTHONS) {
            for (String requirements : REQUIREMENTS) {
                for (String machine : MACHINES) {
                    String body = "{\"requirements\": " + requirements + ", \"python\": \"" + python + "\", "
                            + machine + "}";
                    bodies.add(body.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return bodies;
    }
}
