package org.torchplan.client.http;

import java.util.List;
import java.util.Optional;
import org.torchplan.client.detect.DetectedGpu;
import org.torchplan.client.detect.Fact;
import org.torchplan.client.detect.Machine;
import org.torchplan.client.detect.PythonInterpreter;
import org.torchplan.client.json.Json;
import org.torchplan.client.run.InstalledDistributions;
import tools.jackson.core.JsonGenerator;

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
        Optional<String> installer,
        List<InstalledDistributions.Installed> installed) {

    public PlanRequest {
        requirements = List.copyOf(requirements);
        installed = List.copyOf(installed);
    }

    /** A request that says nothing of what is installed. */
    public PlanRequest(List<String> requirements, String python, String operatingSystem, String architecture,
                       Optional<String> glibc, Optional<String> macos, Optional<DetectedGpu> gpu,
                       Optional<String> channel, Optional<String> backend, Optional<String> strategy,
                       Optional<String> installer) {
        this(requirements, python, operatingSystem, architecture, glibc, macos, gpu, channel, backend, strategy,
                installer, List.of());
    }

    /** The same request, telling the service what the target interpreter has installed. */
    public PlanRequest withInstalled(List<InstalledDistributions.Installed> distributions) {
        return new PlanRequest(requirements, python, operatingSystem, architecture, glibc, macos, gpu, channel,
                backend, strategy, installer, distributions);
    }

    /** The request for this machine; the Python ABI tag must be known (the interpreter ran). */
    public static PlanRequest forMachine(Machine machine, PythonInterpreter python, List<String> requirements,
                                         Optional<String> channel, Optional<String> backend, Optional<String> strategy,
                                         Optional<String> installer) {
        return new PlanRequest(requirements, python.abiTag(), machine.operatingSystem().value(),
                machine.architecture().value(), machine.glibcVersion().map(Fact::value),
                machine.macosVersion().map(Fact::value), machine.gpu(),
                channel, backend, strategy, installer, List.of());
    }

    public String toJson() {
        return Json.write(false, json -> {
            json.writeStartObject();
            json.writeName("requirements");
            json.writeStartArray();
            requirements.forEach(json::writeString);
            json.writeEndArray();
            json.writeStringProperty("python", python);
            json.writeName("platform");
            json.writeStartObject();
            json.writeStringProperty("os", operatingSystem);
            json.writeStringProperty("arch", architecture);
            glibc.ifPresent(version -> json.writeStringProperty("glibc", version));
            macos.ifPresent(version -> json.writeStringProperty("macos", version));
            json.writeEndObject();
            gpu.ifPresent(found -> writeGpu(json, found));
            channel.ifPresent(value -> json.writeStringProperty("channel", value));
            backend.ifPresent(value -> json.writeStringProperty("backend", value));
            strategy.ifPresent(value -> json.writeStringProperty("strategy", value));
            installer.ifPresent(value -> json.writeStringProperty("installer", value));
            if (!installed.isEmpty()) {
                json.writeName("installed");
                json.writeStartArray();
                for (InstalledDistributions.Installed distribution : installed) {
                    json.writeStartObject();
                    json.writeStringProperty("name", distribution.name());
                    json.writeStringProperty("version", distribution.version());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        });
    }

    private static void writeGpu(JsonGenerator json, DetectedGpu gpu) {
        json.writeName("gpu");
        json.writeStartObject();
        json.writeStringProperty("vendor", gpu.vendor());
        if (gpu instanceof DetectedGpu.Nvidia) {
            DetectedGpu.Nvidia nvidia = (DetectedGpu.Nvidia) gpu;
            json.writeStringProperty("driverVersion", nvidia.driverVersion().value());
            nvidia.computeCapability().ifPresent(capability -> json.writeStringProperty("computeCapability",
                    capability.value()));
        } else if (gpu instanceof DetectedGpu.Amd) {
            json.writeStringProperty("architecture", ((DetectedGpu.Amd) gpu).architecture().value());
        }
        json.writeEndObject();
    }
}
