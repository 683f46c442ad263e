package org.torchplan.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.torchplan.backend.BuildPlatform;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.backend.ComputeCapabilityTable;
import org.torchplan.backend.DriverVersion;
import org.torchplan.backend.Gpu;
import org.torchplan.backend.KernelAnswer;
import org.torchplan.backend.NvidiaDriverTable;
import org.torchplan.backend.RocmArchitectureTable;
import org.torchplan.backend.Support;
import org.torchplan.backend.TorchSeries;
import org.torchplan.packaging.OperatingSystem;
import org.torchplan.packaging.Target;
import org.torchplan.packaging.Version;

/**
 * Rule 1's last filter, applied per torch version: a CUDA or ROCm build the architecture tables say lacks kernels
 * for the GPU is no candidate. Unknown answers pass, and the plan that installs such a build says what is not
 * known, as it does for kernels that only run through PTX compiled just in time and for inferred lists.
 */
final class KernelCheck {

    private static final KernelCheck NONE = new KernelCheck(null, null, null, null, null);

    private final Gpu gpu;
    private final String device;
    private final BuildPlatform platform;
    private final OperatingSystem os;
    private final DriverVersion driver;
    /** Answers per (torch series, nightly, backend): a search asks once per torch version, many share a series. */
    private final Map<String, KernelAnswer> answers = new HashMap<>();

    private KernelCheck(Gpu gpu, String device, BuildPlatform platform, OperatingSystem os, DriverVersion driver) {
        this.gpu = gpu;
        this.device = device;
        this.platform = platform;
        this.os = os;
        this.driver = driver;
    }

    static KernelCheck of(Optional<Gpu> gpu, Target target) {
        if (gpu.isEmpty()) {
            return NONE;
        }
        BuildPlatform platform = BuildPlatform.of(target.os(), target.arch()).orElse(null);
        if (gpu.get() instanceof Gpu.Nvidia nvidia) {
            return new KernelCheck(nvidia, nvidia.computeCapability().map(capability -> "compute capability "
                    + capability).orElse(null), platform, target.os(), nvidia.driver());
        }
        if (gpu.get() instanceof Gpu.Amd amd) {
            return new KernelCheck(amd, amd.architecture(), platform, target.os(), null);
        }
        return NONE;
    }

    /** The GPU as the explanation names it; only called when kernels were found missing. */
    String device() {
        return String.valueOf(device);
    }

    /**
     * Why {@code torch} on {@code backend} cannot run on the GPU, in a few words ("its list is 5.0;...;9.0"), or
     * empty when it can or nobody knows.
     */
    Optional<String> missingKernels(Version torch, ComputeBackend backend) {
        Optional<KernelAnswer> answer = answer(torch, backend);
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        if (answer.get().support() == Support.NO) {
            return Optional.of((answer.get().inferred() ? "inferred: " : "") + answer.get().basis());
        }
        return ptxBeyondDriver(answer.get(), backend);
    }

    /**
     * What a plan installing {@code torch} on {@code backend} must say about the GPU: an answer that is not known,
     * kernels that run only through PTX just-in-time compilation, an inferred list, or a compute capability that
     * was not given.
     */
    List<String> warnings(Version torch, ComputeBackend backend) {
        List<String> warnings = new ArrayList<>(1);
        if (gpu instanceof Gpu.Nvidia && device == null && backend.isCuda()) {
            warnings.add("no compute capability given: not checked whether torch " + torch + " carries kernels for"
                    + " this GPU; send gpu.computeCapability (nvidia-smi --query-gpu=compute_cap) to have it checked");
        }
        answer(torch, backend).flatMap(KernelAnswer::warning).ifPresent(warnings::add);
        return warnings;
    }

    private Optional<KernelAnswer> answer(Version torch, ComputeBackend backend) {
        if (device == null || platform == null) {
            return Optional.empty();
        }
        boolean cuda = backend.isCuda() && gpu instanceof Gpu.Nvidia;
        boolean rocm = backend.isRocm() && gpu instanceof Gpu.Amd;
        if (!cuda && !rocm) {
            return Optional.empty();
        }
        TorchSeries series = new TorchSeries(torch.major(), torch.minor());
        boolean nightly = torch.isDevrelease();
        String key = series + (nightly ? "-dev-" : "-") + backend;
        KernelAnswer answer = answers.get(key);
        if (answer == null) {
            answer = cuda
                    ? ComputeCapabilityTable.answer(series, nightly, backend, platform,
                            ((Gpu.Nvidia) gpu).computeCapability().orElseThrow())
                    : RocmArchitectureTable.answer(series, nightly, device, backend);
            answers.put(key, answer);
        }
        return Optional.of(answer);
    }

    /**
     * Minor version compatibility lets an older driver run a newer CUDA 12 or 13 build, but not compile its PTX
     * (NVIDIA CUDA Compatibility guide): a build that reaches the GPU only through PTX needs its toolkit's own driver.
     */
    private Optional<String> ptxBeyondDriver(KernelAnswer answer, ComputeBackend backend) {
        if (answer.ptx().isEmpty()) {
            return Optional.empty();
        }
        Optional<DriverVersion> toolkitDriver = NvidiaDriverTable.toolkitDriver(backend, os);
        if (toolkitDriver.isEmpty() || driver.isAtLeast(toolkitDriver.get())) {
            return Optional.empty();
        }
        return Optional.of("only PTX compiled just in time would reach it, and driver " + driver + " is older than "
                + toolkitDriver.get() + ", the driver of CUDA " + backend.majorVersion() + "." + backend.minorVersion()
                + ": minor version compatibility does not cover compiling PTX");
    }
}
