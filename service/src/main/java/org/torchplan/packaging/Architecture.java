package org.torchplan.packaging;

import java.util.Locale;

/** CPU architectures, named as wheel platform tags name them on Linux. */
public enum Architecture {
    X86_64("x86_64"),
    AARCH64("aarch64"),
    S390X("s390x"),
    PPC64LE("ppc64le");

    private final String id;

    Architecture(String id) {
        this.id = id;
    }

    /** The name used in Linux platform tags and in requests ({@code x86_64}, {@code aarch64}, ...). */
    public String id() {
        return id;
    }

    /**
     * Parses an architecture, accepting the names other tools report: {@code amd64}/{@code x64} for
     * x86_64 and {@code arm64} for aarch64.
     *
     * @throws IllegalArgumentException naming the input and the accepted values
     */
    public static Architecture parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "x86_64", "amd64", "x64":
                    return X86_64;
                case "aarch64", "arm64":
                    return AARCH64;
                case "s390x":
                    return S390X;
                case "ppc64le":
                    return PPC64LE;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
                "unknown architecture '" + text + "': expected x86_64, aarch64 (arm64), s390x or ppc64le");
    }

    @Override
    public String toString() {
        return id;
    }
}
