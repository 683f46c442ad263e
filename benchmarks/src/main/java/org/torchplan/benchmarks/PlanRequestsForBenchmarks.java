package org.torchplan.benchmarks;

import java.util.Arrays;
import java.util.Optional;
import org.torchplan.backend.DriverVersion;
import org.torchplan.backend.Gpu;
import org.torchplan.catalog.model.Channel;
import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.GlibcVersion;
import org.torchplan.packaging.OperatingSystem;
import org.torchplan.packaging.PythonTarget;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Target;
import org.torchplan.plan.Installer;
import org.torchplan.plan.PlanRequest;
import org.torchplan.plan.Strategy;

/**
 * The machine every benchmark plans for, the same one the HTTP and client benchmarks send: Linux x86_64, glibc 2.35,
 * CPython 3.12, an NVIDIA GPU with driver 570.86.10 (runs CUDA up to 12.9), automatic backend, newest-torch.
 */
final class PlanRequestsForBenchmarks {

    static final String DRIVER = "570.86.10";

    private PlanRequestsForBenchmarks() {
    }

    static PlanRequest linuxNvidia(Channel channel, String... requirements) {
        Target target = new Target(PythonTarget.parse("cp312"), OperatingSystem.LINUX, Architecture.X86_64,
                Optional.of(GlibcVersion.parse("2.35")), Optional.empty());
        Gpu gpu = new Gpu.Nvidia(DriverVersion.parse(DRIVER), Optional.empty());
        return new PlanRequest(Arrays.stream(requirements).map(Requirement::parse).toList(), target, Optional.of(gpu),
                channel, Optional.empty(), Strategy.NEWEST_TORCH, Installer.PIP);
    }
}
