package org.torchplan.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --platform} lists for pip runs that stand for another machine. pip 23.2 expands a given platform only for
 * macOS and {@code manylinux2014}/{@code manylinux2010}: {@code manylinux_2_28_x86_64} alone would refuse every
 * older manylinux and plain {@code linux} wheel that the machine itself accepts. This lists what pip computes for a
 * real Linux machine of that glibc (PEP 600 tags, newest first, with the PEP 513/571/599 aliases).
 */
public final class PipPlatforms {

    /** The oldest glibc manylinux defines per architecture (PEP 600 / packaging's _manylinux). */
    private static final Map<String, Integer> OLDEST_GLIBC_MINOR = Map.of(
            "x86_64", 5, "i686", 5, "aarch64", 17, "ppc64le", 17, "s390x", 17, "armv7l", 17);
    /** Pre-PEP 600 names of manylinux_2_17, _2_12 and _2_5. */
    private static final Map<Integer, String> LEGACY_ALIASES = Map.of(17, "manylinux2014", 12, "manylinux2010", 5, "manylinux1");

    private PipPlatforms() {
    }

    /** E.g. {@code linux("2.28", "x86_64")}: manylinux_2_28_x86_64 ... manylinux2014_x86_64 ... linux_x86_64. */
    public static List<String> linux(String glibcVersion, String architecture) {
        String[] parts = glibcVersion.split("\\.");
        if (parts.length != 2 || !parts[0].equals("2")) {
            throw new IllegalArgumentException("expected a glibc version 2.N, got " + glibcVersion);
        }
        int newestMinor = Integer.parseInt(parts[1]);
        Integer oldestMinor = OLDEST_GLIBC_MINOR.get(architecture);
        if (oldestMinor == null) {
            throw new IllegalArgumentException("no manylinux tags for architecture " + architecture);
        }
        List<String> platforms = new ArrayList<>();
        for (int minor = newestMinor; minor >= oldestMinor; minor--) {
            platforms.add("manylinux_2_" + minor + "_" + architecture);
            String alias = LEGACY_ALIASES.get(minor);
            // the legacy names exist for the architectures their PEPs listed; aarch64 & co. start at manylinux2014
            if (alias != null && (minor == 17 || architecture.equals("x86_64") || architecture.equals("i686"))) {
                platforms.add(alias + "_" + architecture);
            }
        }
        platforms.add("linux_" + architecture);
        return List.copyOf(platforms);
    }

    /** What pip's {@code --platform} must list to stand for the target machine. */
    public static List<String> of(org.torchplan.packaging.Target target) {
        String arch = target.arch() == org.torchplan.packaging.Architecture.AARCH64 ? "aarch64" : "x86_64";
        return switch (target.os()) {
            case LINUX -> linux(target.effectiveGlibc().toString(), arch);
            case WINDOWS -> List.of(target.arch() == org.torchplan.packaging.Architecture.AARCH64 ? "win_arm64" : "win_amd64");
            // pip expands a macOS platform to every older macOS version itself
            case MACOS -> List.of("macosx_" + target.effectiveMacos().major() + "_" + target.effectiveMacos().minor()
                    + "_" + (target.arch() == org.torchplan.packaging.Architecture.AARCH64 ? "arm64" : "x86_64"));
        };
    }
}
