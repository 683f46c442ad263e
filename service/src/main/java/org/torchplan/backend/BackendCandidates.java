package org.torchplan.backend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.torchplan.packaging.OperatingSystem;

/**
 * The backends a machine can use, most preferred first, among those the catalog offers, with the reasons in
 * plain English. NVIDIA: the newest CUDA backend the driver runs first; AMD: the newest ROCm backend carrying
 * the architecture first; Intel: {@code xpu}; always {@code cpu} last, when offered.
 *
 * <p>Compute capability decides here only where the driver itself cannot run the GPU ({@link
 * NvidiaDriverBranches}); whether a CUDA build carries kernels for the device depends on the torch release, so the
 * planner asks {@link ComputeCapabilityTable} per release (and {@link RocmArchitectureTable} for AMD).
 */
public final class BackendCandidates {

    private final List<ComputeBackend> backends;
    private final List<String> explanations;
    private final List<String> warnings;

    private BackendCandidates(List<ComputeBackend> backends, List<String> explanations, List<String> warnings) {
        this.backends = List.copyOf(backends);
        this.explanations = List.copyOf(explanations);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * The candidates for a machine with {@code gpu} (empty when it reports none) on {@code os}, restricted to
     * the {@code available} backends.
     */
    public static BackendCandidates of(Optional<Gpu> gpu, OperatingSystem os, Collection<ComputeBackend> available) {
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(os, "os");
        Set<ComputeBackend> offered = new TreeSet<>(available);
        List<ComputeBackend> backends = new ArrayList<>();
        List<String> explanations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (gpu.isEmpty()) {
            explanations.add("no GPU reported: only the cpu backend applies");
        } else if (os == OperatingSystem.MACOS) {
            explanations.add("macOS: PyTorch publishes no CUDA, ROCm or XPU wheels; the cpu wheels include Apple's MPS support");
        } else {
            Gpu device = gpu.get();
            if (device instanceof Gpu.Nvidia nvidia) {
                addNvidia(nvidia, os, offered, backends, explanations, warnings);
            } else if (device instanceof Gpu.Amd amd) {
                addAmd(amd, os, offered, backends, explanations);
            } else {
                addIntel(os, offered, backends, explanations);
            }
        }
        if (offered.contains(ComputeBackend.CPU)) {
            backends.add(ComputeBackend.CPU);
        } else {
            explanations.add("the catalog offers no cpu backend");
        }
        return new BackendCandidates(backends, explanations, warnings);
    }

    private static void addNvidia(Gpu.Nvidia nvidia, OperatingSystem os, Set<ComputeBackend> offered,
            List<ComputeBackend> backends, List<String> explanations, List<String> warnings) {
        Optional<String> driverLimit = nvidia.computeCapability()
                .flatMap(capability -> NvidiaDriverBranches.cannotRun(nvidia.driver(), os, capability));
        if (driverLimit.isPresent()) {
            // the driver decides before any build does: no CUDA wheel can help until it changes
            explanations.add(driverLimit.get() + "; no CUDA backend applies");
            warnings.add(driverLimit.get());
            return;
        }
        List<ComputeBackend> runnable = NvidiaDriverTable.backendsFor(nvidia.driver(), os, offered);
        if (runnable.isEmpty()) {
            String oldest = offered.stream().filter(ComputeBackend::isCuda).findFirst()
                    .flatMap(cuda -> NvidiaDriverTable.minimumDriver(cuda, os)
                            .map(minimum -> "; the oldest offered, " + cuda + ", needs " + minimum + " on " + os))
                    .orElse("");
            explanations.add("driver " + nvidia.driver() + " runs none of the offered CUDA backends" + oldest);
        } else {
            explanations.add("driver " + nvidia.driver() + " runs CUDA backends up to " + runnable.get(0) + " on " + os);
            backends.addAll(runnable);
        }
        explanations.add(nvidia.computeCapability()
                .map(capability -> "compute capability " + capability + " is checked against the architecture list"
                        + " of each torch release's build for this platform (GET /backends lists them)")
                .orElse("no compute capability given: the CUDA builds' architecture lists are not checked"));
    }

    private static void addAmd(Gpu.Amd amd, OperatingSystem os, Set<ComputeBackend> offered,
            List<ComputeBackend> backends, List<String> explanations) {
        String architecture = amd.architecture();
        if (os != OperatingSystem.LINUX) {
            explanations.add("ROCm wheels are published for Linux only; " + architecture + " on " + os + " gets cpu");
            return;
        }
        if (RocmArchitectureTable.firstCarrying(architecture).isEmpty()) {
            explanations.add(architecture + " is not in the ROCm architecture table; no ROCm backend is offered");
            return;
        }
        List<ComputeBackend> carrying = RocmArchitectureTable.backendsCarrying(architecture, offered);
        backends.addAll(carrying);
        if (carrying.isEmpty()) {
            explanations.add("none of the offered ROCm backends is established to carry " + architecture);
        } else {
            explanations.add(architecture + " is carried by builds for " + carrying.stream()
                    .map(ComputeBackend::toString).collect(Collectors.joining(", "))
                    + "; each torch release's list is checked");
        }
        String unknown = offered.stream()
                .filter(ComputeBackend::isRocm)
                .filter(rocm -> RocmArchitectureTable.support(architecture, rocm) == Support.UNKNOWN)
                .sorted(Comparator.reverseOrder())
                .map(ComputeBackend::toString)
                .collect(Collectors.joining(", "));
        if (!unknown.isEmpty()) {
            explanations.add("not offered, support for " + architecture + " not established: " + unknown);
        }
    }

    private static void addIntel(OperatingSystem os, Set<ComputeBackend> offered, List<ComputeBackend> backends,
            List<String> explanations) {
        if (!offered.contains(ComputeBackend.XPU)) {
            explanations.add("Intel GPU: the catalog offers no xpu backend");
            return;
        }
        explanations.add("Intel GPU on " + os + ": the xpu backend applies; its wheels need an Intel GPU PyTorch"
                + " validates (Arc A- and B-Series, Core Ultra processors with Arc graphics, on Linux also Data"
                + " Center GPU Max) and the Intel GPU driver installed first: the wheels bring the oneAPI runtime,"
                + " not the driver (docs.pytorch.org/docs/2.12/notes/get_start_xpu.html)");
        backends.add(ComputeBackend.XPU);
    }

    /** The candidate backends, most preferred first. */
    public List<ComputeBackend> backends() {
        return backends;
    }

    /** Why each backend is in or out, one plain-English line each. */
    public List<String> explanations() {
        return explanations;
    }

    /** What the caller must know beyond the choice: a driver that cannot run the GPU at all. */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public String toString() {
        return backends + " " + explanations;
    }
}
