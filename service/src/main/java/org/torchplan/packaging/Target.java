package org.torchplan.packaging;

import java.util.Objects;
import java.util.Optional;

/**
 * The machine a plan is for, as far as wheel compatibility and markers are concerned: CPython version and
 * ABI, operating system, architecture, and the glibc (Linux) or macOS version that bounds the platform
 * tags. Combinations no Python distribution exists for (Windows on s390x, glibc on macOS) are refused.
 */
public record Target(
        PythonTarget python,
        OperatingSystem os,
        Architecture arch,
        Optional<GlibcVersion> glibc,
        Optional<MacosVersion> macos) {

    public Target {
        Objects.requireNonNull(python, "python");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
        glibc = glibc == null ? Optional.empty() : glibc;
        macos = macos == null ? Optional.empty() : macos;
        String described = python + "/" + os + "/" + arch;
        if (os != OperatingSystem.LINUX && arch != Architecture.X86_64 && arch != Architecture.AARCH64) {
            throw new InvalidTagException(described, os + " targets are x86_64 or aarch64 (arm64)");
        }
        if (glibc.isPresent() && os != OperatingSystem.LINUX) {
            throw new InvalidTagException(described, "a glibc version only applies to linux");
        }
        if (macos.isPresent() && os != OperatingSystem.MACOS) {
            throw new InvalidTagException(described, "a macOS version only applies to macos");
        }
        if (macos.isPresent() && arch == Architecture.AARCH64 && macos.get().major() < 11) {
            throw new InvalidTagException(described + "/" + macos.get(), "Apple silicon runs macOS 11 or later");
        }
    }

    /** A target with no glibc or macOS version reported (the assumed ones apply). */
    public static Target of(PythonTarget python, OperatingSystem os, Architecture arch) {
        return new Target(python, os, arch, Optional.empty(), Optional.empty());
    }

    /** The reported glibc, or {@link GlibcVersion#ASSUMED}. Meaningful on Linux only. */
    public GlibcVersion effectiveGlibc() {
        return glibc.orElse(GlibcVersion.ASSUMED);
    }

    /** The reported macOS version, or {@link MacosVersion#ASSUMED}. Meaningful on macOS only. */
    public MacosVersion effectiveMacos() {
        return macos.orElse(MacosVersion.ASSUMED);
    }

    /**
     * The PEP 508 marker values this target's interpreter reports. The patch level of Python and the kernel
     * release are not known, so {@code python_full_version} is {@code 3.Y.0} and {@code platform_release} /
     * {@code platform_version} are empty.
     */
    public MarkerEnvironment markerEnvironment() {
        String fullVersion = python.version() + ".0";
        return new MarkerEnvironment("cpython", fullVersion, os == OperatingSystem.WINDOWS ? "nt" : "posix",
                platformMachine(), "", platformSystem(), "", fullVersion, "CPython", python.version(), sysPlatform(),
                "");
    }

    /** {@code platform.machine()} as each OS spells it: Windows says AMD64/ARM64, macOS says arm64. */
    private String platformMachine() {
        switch (os) {
            case WINDOWS:
                return arch == Architecture.AARCH64 ? "ARM64" : "AMD64";
            case MACOS:
                return arch == Architecture.AARCH64 ? "arm64" : "x86_64";
            default:
                return arch.id();
        }
    }

    private String platformSystem() {
        switch (os) {
            case WINDOWS:
                return "Windows";
            case MACOS:
                return "Darwin";
            default:
                return "Linux";
        }
    }

    private String sysPlatform() {
        switch (os) {
            case WINDOWS:
                return "win32";
            case MACOS:
                return "darwin";
            default:
                return "linux";
        }
    }
}
