package org.torchplan.packaging;

import java.util.ArrayList;
import java.util.List;

/**
 * The platform tags of a target, most preferred first, following the rules pip applies (pypa/packaging
 * {@code tags.py} and {@code _manylinux.py}):
 * <ul>
 *   <li>Linux (PEP 600): {@code manylinux_2_Y_<arch>} from the target's glibc down to the oldest glibc the
 *       architecture has manylinux wheels for (2.5 on x86_64, 2.17 elsewhere), each legacy alias right after
 *       its PEP 600 name ({@code manylinux2014} = 2.17, {@code manylinux2010} = 2.12, {@code manylinux1} =
 *       2.5), then {@code linux_<arch>}. No {@code musllinux} (PEP 656): a glibc target cannot load them.</li>
 *   <li>Windows: {@code win_amd64} or {@code win_arm64}.</li>
 *   <li>macOS: see {@link #macos}.</li>
 * </ul>
 */
final class PlatformTags {

    /** glibc versions that have a pre-PEP 600 manylinux name. */
    private static final int MANYLINUX2014_MINOR = 17;
    private static final int MANYLINUX2010_MINOR = 12;
    private static final int MANYLINUX1_MINOR = 5;

    private PlatformTags() {
    }

    static List<String> of(Target target) {
        switch (target.os()) {
            case WINDOWS:
                return List.of(target.arch() == Architecture.AARCH64 ? "win_arm64" : "win_amd64");
            case MACOS:
                return macos(target.effectiveMacos(), target.arch() == Architecture.AARCH64 ? "arm64" : "x86_64");
            default:
                return linux(target.effectiveGlibc(), target.arch().id());
        }
    }

    static List<String> linux(GlibcVersion glibc, String arch) {
        List<String> platforms = new ArrayList<>();
        // manylinux1 (glibc 2.5) and manylinux2010 (2.12) only ever existed for x86; manylinux2014 opened the others.
        int oldestMinor = arch.equals("x86_64") || arch.equals("i686") ? MANYLINUX1_MINOR : MANYLINUX2014_MINOR;
        for (int minor = glibc.minor(); minor >= oldestMinor; minor--) {
            platforms.add("manylinux_2_" + minor + "_" + arch);
            switch (minor) {
                case MANYLINUX2014_MINOR:
                    platforms.add("manylinux2014_" + arch);
                    break;
                case MANYLINUX2010_MINOR:
                    platforms.add("manylinux2010_" + arch);
                    break;
                case MANYLINUX1_MINOR:
                    platforms.add("manylinux1_" + arch);
                    break;
                default:
                    break;
            }
        }
        platforms.add("linux_" + arch);
        return platforms;
    }

    /**
     * macOS tags as pip builds them: before macOS 11 every yearly release bumped the minor version, so a
     * 10.Y target accepts {@code macosx_10_Y} down to {@code 10_0}; from 11 on the major version is bumped and
     * only {@code X_0} tags are generated, from the target's major down to 11, followed on x86_64 by every
     * 10.16 ... 10.4 tag and on arm64 by {@code universal2} 10.16 ... 10.4 (a universal2 wheel's x86_64 half
     * may claim an older macOS). Each version lists the binary formats the architecture runs.
     */
    static List<String> macos(MacosVersion version, String arch) {
        List<String> platforms = new ArrayList<>();
        if (version.major() == 10) {
            for (int minor = version.minor(); minor >= 0; minor--) {
                addMacos(platforms, 10, minor, binaryFormats(10, minor, arch));
            }
            return platforms;
        }
        for (int major = version.major(); major > 10; major--) {
            addMacos(platforms, major, 0, binaryFormats(major, 0, arch));
        }
        for (int minor = 16; minor > 3; minor--) {
            List<String> formats = arch.equals("x86_64") ? binaryFormats(10, minor, arch) : List.of("universal2");
            addMacos(platforms, 10, minor, formats);
        }
        return platforms;
    }

    private static void addMacos(List<String> platforms, int major, int minor, List<String> formats) {
        for (String format : formats) {
            platforms.add("macosx_" + major + "_" + minor + "_" + format);
        }
    }

    /** The binary formats a CPU runs: its own, the multi-architecture "fat" formats that contain it. */
    private static List<String> binaryFormats(int major, int minor, String arch) {
        if (arch.equals("x86_64")) {
            // 64-bit Intel binaries exist from 10.4 on
            if (major == 10 && minor < 4) {
                return List.of();
            }
            return List.of("x86_64", "intel", "fat64", "fat32", "universal2", "universal");
        }
        return List.of("arm64", "universal2");
    }
}
