package org.torchplan.client.http;

import java.util.List;
import java.util.Optional;
import org.torchplan.client.detect.DetectedGpu;
import org.torchplan.client.detect.Fact;
import org.torchplan.client.detect.Machine;
import org.torchplan.client.detect.PythonInterpreter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The body of {@code POST /plan}. Choices left empty are omitted so the service applies its own defaults
 * (and its fleet policy) instead of the client guessing them.
 */
public record PlanRequest(
        List<String> requirements,
        String python,
        String operatingSystem,
        String architecture,
        Optional<String> glibc,
        Optional<String> macos,
        Optional<DetectedGpu> gpu,
        Optional<String> channel,
        Optional<String> backend,
        Optional<String> strategy,
        Optional<String> installer) {

    public PlanRequest {
        requirements = List.copyOf(requirements);
    }

    /** The request for this machine; the Python ABI tag must be known (the interpreter ran). */
    public static PlanRequest forMachine(Machine machine, PythonInterpreter python, List<String> requirements,
                                         Optional<String> channel, Optional<String> backend, Optional<String> strategy,
                                         Optional<String> installer) {
        return new PlanRequest(requirements, python.abiTag(), machine.operatingSystem().value(),
                machine.architecture().value(), machine.glibcVersion().map(Fact::value),
                machine.macosVersion().map(Fact::value), machine.gpu(),
                channel, backend, strategy, installer);
    }

    public String toJson() {
        ObjectNode body = JsonMapper.shared().createObjectNode();
        ArrayNode requirementArray = body.putArray("requirements");
        requirements.forEach(requirementArray::add);
        body.put("python", python);
        ObjectNode platform = body.putObject("platform");
        platform.put("os", operatingSystem);
        platform.put("arch", architecture);
        glibc.ifPresent(version -> platform.put("glibc", version));
        macos.ifPresent(version -> platform.put("macos", version));
        gpu.ifPresent(found -> writeGpu(body.putObject("gpu"), found));
        channel.ifPresent(value -> body.put("channel", value));
        backend.ifPresent(value -> body.put("backend", value));
        strategy.ifPresent(value -> body.put("strategy", value));
        installer.ifPresent(value -> body.put("installer", value));
        return body.toString();
    }

    private static void writeGpu(ObjectNode node, DetectedGpu gpu) {
        node.put("vendor", gpu.vendor());
        if (gpu instanceof DetectedGpu.Nvidia) {
            DetectedGpu.Nvidia nvidia = (DetectedGpu.Nvidia) gpu;
            node.put("driverVersion", nvidia.driverVersion().value());
            nvidia.computeCapability().ifPresent(capability -> node.put("computeCapability", capability.value()));
        } else if (gpu instanceof DetectedGpu.Amd) {
            node.put("architecture", ((DetectedGpu.Amd) gpu).architecture().value());
        }
    }
}
