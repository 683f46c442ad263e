package org.torchplan.client.cli;

import java.io.PrintStream;
import java.util.Optional;
import org.torchplan.client.detect.DetectedGpu;
import org.torchplan.client.detect.Fact;
import org.torchplan.client.detect.Machine;
import org.torchplan.client.detect.PythonInterpreter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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

    private static String describe(DetectedGpu gpu) {
        if (gpu instanceof DetectedGpu.Nvidia) {
            DetectedGpu.Nvidia nvidia = (DetectedGpu.Nvidia) gpu;
            return "NVIDIA" + (nvidia.names().isEmpty() ? "" : " " + String.join(", ", nvidia.names()))
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

    private static void line(PrintStream out, String label, Fact fact) {
        out.println(pad(label) + fact);
    }

    private static String pad(String label) {
        return label + " ".repeat(Math.max(1, 18 - label.length()));
    }

    static String toJson(Machine machine) {
        JsonMapper mapper = JsonMapper.shared();
        ObjectNode root = mapper.createObjectNode();
        fact(root.putObject("os"), machine.operatingSystem());
        fact(root.putObject("arch"), machine.architecture());
        machine.glibcVersion().ifPresent(fact -> fact(root.putObject("glibc"), fact));
        machine.macosVersion().ifPresent(fact -> fact(root.putObject("macos"), fact));
        ObjectNode python = root.putObject("python");
        python.put("requested", machine.interpreter());
        machine.python().ifPresent(found -> {
            python.put("executable", found.executable());
            python.put("version", found.version());
            python.put("implementation", found.implementation());
            python.put("abi", found.abiTag());
            python.put("freeThreaded", found.freeThreaded());
            python.put("source", found.source());
        });
        python.put("found", machine.python().isPresent());
        ArrayNode gpus = root.putArray("gpus");
        for (DetectedGpu gpu : machine.gpus()) {
            ObjectNode node = gpus.addObject();
            node.put("vendor", gpu.vendor());
            if (gpu instanceof DetectedGpu.Nvidia) {
                DetectedGpu.Nvidia nvidia = (DetectedGpu.Nvidia) gpu;
                fact(node.putObject("driverVersion"), nvidia.driverVersion());
                nvidia.computeCapability().ifPresent(fact -> fact(node.putObject("computeCapability"), fact));
                ArrayNode names = node.putArray("names");
                nvidia.names().forEach(names::add);
            } else if (gpu instanceof DetectedGpu.Amd) {
                DetectedGpu.Amd amd = (DetectedGpu.Amd) gpu;
                fact(node.putObject("architecture"), amd.architecture());
                ArrayNode all = node.putArray("allArchitectures");
                amd.allArchitectures().forEach(all::add);
            } else {
                fact(node.putObject("device"), ((DetectedGpu.Intel) gpu).device());
            }
        }
        ArrayNode notes = root.putArray("notes");
        machine.notes().forEach(notes::add);
        return root.toPrettyString();
    }

    private static void fact(ObjectNode node, Fact fact) {
        node.put("value", fact.value());
        node.put("source", fact.source());
    }
}
