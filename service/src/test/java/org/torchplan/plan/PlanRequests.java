package org.torchplan.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.backend.ComputeCapability;
import org.torchplan.backend.DriverVersion;
import org.torchplan.backend.Gpu;
import org.torchplan.catalog.model.Channel;
import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.GlibcVersion;
import org.torchplan.packaging.MacosVersion;
import org.torchplan.packaging.OperatingSystem;
import org.torchplan.packaging.PythonTarget;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Target;
import org.torchplan.packaging.Version;

/** A small builder of plan requests for tests: a Linux x86_64 cp312 machine without a GPU unless told. */
final class PlanRequests {

    private List<Requirement> requirements = List.of(Requirement.parse("torch"));
    private PythonTarget python = PythonTarget.parse("cp312");
    private OperatingSystem os = OperatingSystem.LINUX;
    private Architecture arch = Architecture.X86_64;
    private Optional<GlibcVersion> glibc = Optional.of(GlibcVersion.parse("2.35"));
    private Optional<MacosVersion> macos = Optional.empty();
    private Optional<Gpu> gpu = Optional.empty();
    private Channel channel = Channel.STABLE;
    private Optional<ComputeBackend> backend = Optional.empty();
    private Strategy strategy = Strategy.NEWEST_TORCH;
    private Installer installer = Installer.PIP;

    static PlanRequests linux() {
        return new PlanRequests();
    }

    static PlanRequests windows() {
        PlanRequests request = new PlanRequests();
        request.os = OperatingSystem.WINDOWS;
        request.glibc = Optional.empty();
        return request;
    }

    static PlanRequests macosArm64(String version) {
        PlanRequests request = new PlanRequests();
        request.os = OperatingSystem.MACOS;
        request.arch = Architecture.AARCH64;
        request.glibc = Optional.empty();
        request.macos = version == null ? Optional.empty() : Optional.of(MacosVersion.parse(version));
        return request;
    }

    private List<DistributionMetadata> installed = List.of();

    PlanRequests requirements(String... texts) {
        requirements = Arrays.stream(texts).map(Requirement::parse).toList();
        return this;
    }

    PlanRequests python(String tag) {
        python = PythonTarget.parse(tag);
        return this;
    }

    PlanRequests arch(Architecture architecture) {
        arch = architecture;
        return this;
    }

    PlanRequests glibc(String version) {
        glibc = Optional.ofNullable(version).map(GlibcVersion::parse);
        return this;
    }

    PlanRequests nvidia(String driver) {
        gpu = Optional.of(new Gpu.Nvidia(DriverVersion.parse(driver), Optional.empty()));
        return this;
    }

    PlanRequests nvidia(String driver, String computeCapability) {
        gpu = Optional.of(new Gpu.Nvidia(DriverVersion.parse(driver),
                Optional.of(ComputeCapability.parse(computeCapability))));
        return this;
    }

    PlanRequests amd(String architecture) {
        gpu = Optional.of(new Gpu.Amd(architecture));
        return this;
    }

    PlanRequests intel() {
        gpu = Optional.of(new Gpu.Intel());
        return this;
    }

    PlanRequests channel(Channel value) {
        channel = value;
        return this;
    }

    PlanRequests backend(String value) {
        backend = Optional.of(ComputeBackend.parse(value));
        return this;
    }

    PlanRequests strategy(Strategy value) {
        strategy = value;
        return this;
    }

    PlanRequests installer(Installer value) {
        installer = value;
        return this;
    }

    /** What the target has installed, as {@code name==version} texts. */
    PlanRequests installed(String... pins) {
        installed = new ArrayList<>();
        for (String pin : pins) {
            String[] parts = pin.split("==", 2);
            installed.add(new DistributionMetadata(parts[0],
                    Version.parse(parts[1]), List.of(), Optional.empty(), List.of()));
        }
        return this;
    }

    PlanRequest build() {
        return new PlanRequest(requirements, new Target(python, os, arch, glibc, macos), gpu, channel, backend,
                strategy, installer, installed);
    }
}
