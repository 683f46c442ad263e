package org.torchplan.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What {@code GET /backends} shows: the backends the catalog knows, the drivers CUDA backends need, and which
 * backends each kind of GPU gets.
 */
@Schema(name = "Backends")
public record BackendsView(List<BackendView> backends, List<ArchitectureView> amdArchitectures) {

    /**
     * One backend of the catalog.
     *
     * @param channels the channels whose index has it
     * @param minimumDriverLinux for CUDA backends, the oldest NVIDIA driver that runs them on Linux
     * @param minimumDriverWindows the same on Windows
     */
    @Schema(name = "Backend")
    public record BackendView(
            @Schema(example = "cu126") String name,
            @Schema(description = "cpu, cuda, rocm or xpu", example = "cuda") String kind,
            List<String> channels,
            @Schema(example = "525.60.13") String minimumDriverLinux,
            @Schema(example = "528.33") String minimumDriverWindows) {
    }

    /** The ROCm backends of the catalog that carry kernels for one AMD GPU architecture, newest first. */
    @Schema(name = "AmdArchitecture")
    public record ArchitectureView(@Schema(example = "gfx90a") String architecture, List<String> backends) {
    }
}
