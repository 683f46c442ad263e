package org.torchplan.client.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.torchplan.client.detect.DetectedGpu;
import org.torchplan.client.detect.Fact;
import org.torchplan.client.detect.Machine;
import org.torchplan.client.detect.PythonInterpreter;
import org.torchplan.client.json.Json;
import tools.jackson.core.JsonGenerator;

/** Shows what detection found, each fact with its source, for people and as JSON for scripts. */
final class MachinePrinter {

    private MachinePrinter() {
    }

    static void printHuman(Machine machine, PrintStream out) {
        line(out, "Operating system", machine.operatingSystem());
        line(out, "Architecture", machine.architecture());
        machine.glibcVersion().ifPresent(fact -> line(out, "glibc", fact));
        machine.macosVersion().ifPresent(fact -> line(out, "macOS", fact));
        Optional<PythonInterpreter> python = machine.python();
        if (python.isPresent()) {
            PythonInterpreter found = python.get();
            out.println(pad("Python") + found.version() + " " + found.implementation() + ", ABI " + found.abiTag()
                    + (found.freeThreaded() ? " (free-threaded)" : "") + "  [" + found.executable() + "]");
        } else {
            out.println(pad("Python") + "not found: cannot run '" + machine.interpreter() + "'");
        }
        if (machine.gpus().isEmpty()) {
            out.println(pad("GPU") + "none found (plans are for cpu)");
        }
        for (DetectedGpu gpu : machine.gpus()) {
            out.println(pad("GPU") + describe(gpu));
        }
        machine.notes().forEach(note -> out.println(pad("Note") + note));
        if (!machine.probes().isEmpty()) {
            out.println("GPU probes tried:");
            int width = machine.probes().stream().mapToInt(attempt -> attempt.probe().length()).max().orElse(0);
            machine.probes().forEach(attempt -> out.println("  " + attempt.probe()
                    + " ".repeat(width - attempt.probe().length()) + "  " + attempt.source() + ": " + attempt.finding()));
        }
    }

    static String describe(DetectedGpu gpu) {
        if (gpu instanceof DetectedGpu.Nvidia) {
            DetectedGpu.Nvidia nvidia = (DetectedGpu.Nvidia) gpu;
            return nvidiaNames(nvidia.names()) + "; driver " + nvidia.driverVersion()
                    + nvidia.computeCapability().map(capability -> "; compute capability " + capability).orElse("");
        }
        if (gpu instanceof DetectedGpu.Amd) {
            DetectedGpu.Amd amd = (DetectedGpu.Amd) gpu;
            return "AMD " + amd.architecture()
                    + (amd.allArchitectures().size() > 1 ? "; all: " + String.join(", ", amd.allArchitectures()) : "");
        }
        // the device fact reads "Intel display device 0x56a0"
        return ((DetectedGpu.Intel) gpu).device().toString();
    }

    /**
     * The GPUs by name, each name once with its count ("8x NVIDIA H200"); nvidia-smi's names usually start with
     * "NVIDIA" already, older ones ("Tesla T4") do not.
     */
    static String nvidiaNames(List<String> names) {
        if (names.isEmpty()) {
            return "NVIDIA";
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        names.forEach(name -> counts.merge(name, 1, Integer::sum));
        return counts.entrySet().stream()
                .map(entry -> (entry.getValue() > 1 ? entry.getValue() + "x " : "")
                        + (entry.getKey().regionMatches(true, 0, "NVIDIA", 0, 6) ? "" : "NVIDIA ") + entry.getKey())
                .collect(Collectors.joining(", "));
    }

    private static void line(PrintStream out, String label, Fact fact) {
        out.println(pad(label) + fact);
    }

    private static String pad(String label) {
        return label + " ".repeat(Math.max(1, 18 - label.length()));
    }

    static String toJson(Machine machine) {
        return Json.write(true, json -> {
            json.writeStartObject();
            fact(json, "os", machine.operatingSystem());
            fact(json, "arch", machine.architecture());
            machine.glibcVersion().ifPresent(fact -> fact(json, "glibc", fact));
            machine.macosVersion().ifPresent(fact -> fact(json, "macos", fact));
            json.writeName("python");
            json.writeStartObject();
            json.writeStringProperty("requested", machine.interpreter());
            json.writeBooleanProperty("found", machine.python().isPresent());
            machine.python().ifPresent(found -> {
                json.writeStringProperty("executable", found.executable());
                json.writeStringProperty("version", found.version());
                json.writeStringProperty("implementation", found.implementation());
                json.writeStringProperty("abi", found.abiTag());
                json.writeBooleanProperty("freeThreaded", found.freeThreaded());
                json.writeStringProperty("source", found.source());
            });
            json.writeEndObject();
            json.writeName("gpus");
            json.writeStartArray();
            machine.gpus().forEach(gpu -> gpu(json, gpu));
            json.writeEndArray();
            strings(json, "notes", machine.notes());
            json.writeName("probes");
            json.writeStartArray();
            machine.probes().forEach(attempt -> {
                json.writeStartObject();
                json.writeStringProperty("probe", attempt.probe());
                json.writeStringProperty("source", attempt.source());
                json.writeStringProperty("finding", attempt.finding());
                json.writeEndObject();
            });
            json.writeEndArray();
            json.writeEndObject();
        }) + System.lineSeparator();
    }

    private static void gpu(JsonGenerator json, DetectedGpu gpu) {
        json.writeStartObject();
        json.writeStringProperty("vendor", gpu.vendor());
        if (gpu instanceof DetectedGpu.Nvidia) {
            DetectedGpu.Nvidia nvidia = (DetectedGpu.Nvidia) gpu;
            fact(json, "driverVersion", nvidia.driverVersion());
            nvidia.computeCapability().ifPresent(fact -> fact(json, "computeCapability", fact));
            strings(json, "names", nvidia.names());
        } else if (gpu instanceof DetectedGpu.Amd) {
            DetectedGpu.Amd amd = (DetectedGpu.Amd) gpu;
            fact(json, "architecture", amd.architecture());
            strings(json, "allArchitectures", amd.allArchitectures());
        } else {
            fact(json, "device", ((DetectedGpu.Intel) gpu).device());
        }
        json.writeEndObject();
    }

    private static void fact(JsonGenerator json, String name, Fact fact) {
        json.writeName(name);
        json.writeStartObject();
        json.writeStringProperty("value", fact.value());
        json.writeStringProperty("source", fact.source());
        json.writeEndObject();
    }

    private static void strings(JsonGenerator json, String name, List<String> values) {
        json.writeName(name);
        json.writeStartArray();
        values.forEach(json::writeString);
        json.writeEndArray();
    }
}
