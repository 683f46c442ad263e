package org.torchplan.backend;

/**
 * What an architecture list rests on, strongest first. Only {@link #INFERRED} lists make a plan say so: the
 * others are facts read from PyTorch's own files or from a wheel as installed.
 */
public enum Evidence {
    /** {@code TORCH_CUDA_ARCH_LIST} or {@code PYTORCH_ROCM_ARCH} in the build script PyTorch built the release with. */
    BUILD_SCRIPT("build-script"),
    /** {@code torch.cuda.get_arch_list()} of the published wheel, read on a real machine. */
    INSTALLED_WHEEL("installed-wheel"),
    /** The support matrix PyTorch's release managers published for the release (RELEASE.md, release notes). */
    SUPPORT_MATRIX("support-matrix"),
    /** Not read for this build: carried over from neighbouring releases that agree; plans say so. */
    INFERRED("inferred");

    private final String id;

    Evidence(String id) {
        this.id = id;
    }

    /** {@code build-script}, {@code installed-wheel}, {@code support-matrix} or {@code inferred}. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
