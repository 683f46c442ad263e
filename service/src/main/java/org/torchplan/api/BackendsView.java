package org.torchplan.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What {@code GET /backends} shows: the backends the catalog knows, the drivers CUDA backends need, the
 * architectures each recorded build is known to carry, and which backends each kind of GPU gets.
 */
@Schema(name = "Backends")
public record BackendsView(List<BackendView> backends, List<ArchitectureView> amdArchitectures) {

    /**
     * One backend of the catalog.
     *
     * @param channels the channels whose index has it
     * @param minimumDriverLinux for CUDA backends, the oldest NVIDIA driver that runs them on Linux (CUDA minor
     *     version compatibility)
     * @param minimumDriverWindows the same on Windows
     * @param toolkitDriverLinux for CUDA backends, the driver their CUDA release ships with, which compiling their
     *     PTX just in time needs
     * @param toolkitDriverWindows the same on Windows, where NVIDIA lists one
     * @param builds per torch series and platform, the architectures the builds are known to carry
     */
    @Schema(name = "Backend")
    public record BackendView(
            @Schema(example = "cu126") String name,
            @Schema(description = "cpu, cuda, rocm or xpu", allowableValues = {"cpu", "cuda", "rocm", "xpu"})
            String kind,
            List<String> channels,
            @Schema(example = "525.60.13") String minimumDriverLinux,
            @Schema(example = "527.41") String minimumDriverWindows,
            @Schema(example = "560.28.03") String toolkitDriverLinux,
            @Schema(example = "560.76") String toolkitDriverWindows,
            List<BuildView> builds) {
    }

    /**
     * The architectures one torch series' builds for a backend carry on one platform.
     *
     * @param architectures as {@code torch.cuda.get_arch_list()} prints them: {@code sm_80} for machine code,
     *     {@code compute_120} for PTX, {@code gfx90a} for ROCm
     * @param complete false when only these are established and others are not known either way
     * @param evidence build-script, installed-wheel, support-matrix or inferred
     * @param source where the list was read
     */
    @Schema(name = "Build")
    public record BuildView(
            @Schema(example = "2.12") String torch,
            @Schema(example = "linux-x86_64") String platform,
            List<String> architectures,
            boolean complete,
            @Schema(example = "support-matrix") String evidence,
            String source) {
    }

    /** The ROCm backends of the catalog with a build carrying one AMD GPU architecture, newest first. */
    @Schema(name = "AmdArchitecture")
    public record ArchitectureView(@Schema(example = "gfx90a") String architecture, List<String> backends) {
    }
}
