package org.torchplan.backend;

import java.util.Optional;
import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.OperatingSystem;

/**
 * The platforms PyTorch builds CUDA wheels for, each from its own build script and with its own
 * architecture list: the Linux x86_64 manywheel build, the Linux aarch64 (SBSA) build, which drops GPUs no
 * ARM server carries, and the Windows build.
 */
public enum BuildPlatform {
    LINUX_X86_64("linux-x86_64"),
    LINUX_AARCH64("linux-aarch64"),
    WINDOWS_X86_64("windows-x86_64");

    private final String id;

    BuildPlatform(String id) {
        this.id = id;
    }

    /** The platform whose wheels install on {@code os} and {@code architecture}; empty where none are built. */
    public static Optional<BuildPlatform> of(OperatingSystem os, Architecture architecture) {
        if (os == OperatingSystem.LINUX && architecture == Architecture.X86_64) {
            return Optional.of(LINUX_X86_64);
        }
        if (os == OperatingSystem.LINUX && architecture == Architecture.AARCH64) {
            return Optional.of(LINUX_AARCH64);
        }
        if (os == OperatingSystem.WINDOWS && architecture == Architecture.X86_64) {
            return Optional.of(WINDOWS_X86_64);
        }
        return Optional.empty();
    }

    /** {@code linux-x86_64}, {@code linux-aarch64}, {@code windows-x86_64}. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
