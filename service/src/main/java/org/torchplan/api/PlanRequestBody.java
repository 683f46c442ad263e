package org.torchplan.api;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The JSON body of {@code POST /plan} (and the query of {@code GET /plan}), as text: every field is parsed and
 * checked by {@link PlanRequestParser}, so a bad value is reported by name instead of failing the whole body.
 */
@Schema(name = "PlanRequest", description = "A machine and the requirements to plan for.")
public record PlanRequestBody(
        @ArraySchema(minItems = 1, maxItems = PlanRequestParser.MAXIMUM_REQUIREMENTS,
                arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                        description = "PEP 508 requirements; PyTorch packages are planned, others go to a second step"),
                schema = @Schema(description = "A PEP 508 requirement", example = "torch>=2.4",
                        maxLength = PlanRequestParser.MAXIMUM_REQUIREMENT_LENGTH))
        List<String> requirements,
        @Schema(description = "CPython 3.3 or later: cp38, cp312, free-threaded cp313t (3.13 and later), or 3.12;"
                + " a Python with no fitting wheels is a 422, not a 400",
                example = "cp312", requiredMode = Schema.RequiredMode.REQUIRED)
        String python,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        Platform platform,
        Gpu gpu,
        @Schema(description = "stable (default), test or nightly", allowableValues = {"stable", "test", "nightly"})
        String channel,
        @Schema(description = "auto (default) or an explicit backend such as cu126, rocm6.4, xpu, cpu",
                example = "auto")
        String backend,
        @Schema(description = "newest-torch (default) or newest-backend",
                allowableValues = {"newest-torch", "newest-backend"})
        String strategy,
        @Schema(description = "pip (default) or uv", allowableValues = {"pip", "uv"})
        String installer,
        @ArraySchema(maxItems = PlanRequestParser.MAXIMUM_INSTALLED,
                arraySchema = @Schema(description = "What the target interpreter already has (importlib.metadata:"
                        + " name and version, with the local label of a PyTorch build such as 2.8.0+cpu); installed"
                        + " distributions the resolution accepts are kept, as pip keeps them"))
        List<Installed> installed) {

    /** A distribution the target interpreter already has. */
    @Schema(name = "InstalledDistribution")
    public record Installed(
            @Schema(description = "The distribution's name", example = "torch",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String name,
            @Schema(description = "Its version, with the local label where it has one", example = "2.8.0+cpu",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String version) {
    }

    /** A request for an empty environment. */
    public PlanRequestBody(List<String> requirements, String python, Platform platform, Gpu gpu, String channel,
            String backend, String strategy, String installer) {
        this(requirements, python, platform, gpu, channel, backend, strategy, installer, null);
    }

    /** The operating system, architecture and libc / macOS version. */
    @Schema(name = "Platform")
    public record Platform(
            @Schema(description = "linux, windows or macos", allowableValues = {"linux", "windows", "macos"},
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String os,
            @Schema(description = "x86_64, aarch64, arm64 or s390x", example = "x86_64",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String arch,
            @Schema(description = "glibc version on Linux; the newest is assumed when missing", example = "2.35")
            String glibc,
            @Schema(description = "macOS version; the newest is assumed when missing", example = "14.0")
            String macos) {
    }

    /** The GPU, when there is one. */
    @Schema(name = "Gpu")
    public record Gpu(
            @Schema(description = "nvidia, amd or intel", allowableValues = {"nvidia", "amd", "intel"},
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String vendor,
            @Schema(description = "NVIDIA driver version", example = "570.86.10")
            String driverVersion,
            @Schema(description = "NVIDIA compute capability", example = "8.6")
            String computeCapability,
            @Schema(description = "AMD GPU architecture", example = "gfx90a")
            String architecture) {
    }
}
