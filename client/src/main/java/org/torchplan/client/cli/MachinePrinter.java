package org.torchplan.client.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
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
    }

    static String describe(DetectedGpu gpu) {
        if (gpu instanceof DetectedGpu.Nvidia) {
            DetectedGpu.Nvidia nvidia = (DetectedGpu.Nvidia) gpu;
            return nvidiaNames(nvidia.names())
                    + "; driver " + nvidia.driverVersion()
                    + nvidia.computeCapability().map(capability -> "; compute capability " + capability).orElse("");
        }
        if (gpu instanceof DetectedGpu.Amd) {
            DetectedGpu.Amd amd = (DetectedGpu.Amd) gpu;
            return "AMD " + amd.architecture()
                    + (amd.allArchitectures().size() > 1 ? "; all: " + String.join(", ", amd.allArchitectures()) : "");
        }
        return "Intel " + ((DetectedGpu.Intel) gpu).device();
    }

    /**
     * nvidia-smi names most GPUs with the vendor ("NVIDIA H200", "NVIDIA GeForce RTX 3080") but not all ("Tesla T4"):
     * the vendor is added only where the name lacks it.
     */
    private static String nvidiaNames(List<String> names) {
        String joined = String.join(", ", names);
        if (names.isEmpty()) {
            return "NVIDIA";
        }
        return joined.regionMatches(true, 0, "NVIDIA", 0, "NVIDIA".length()) ? joined : "NVIDIA " + joined;
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
