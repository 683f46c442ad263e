package org.torchplan.packaging;

import java.util.Locale;

/** The operating systems PyTorch publishes wheels for. */
public enum OperatingSystem {
    LINUX("linux"),
    WINDOWS("windows"),
    MACOS("macos");

    private final String id;

    OperatingSystem(String id) {
        this.id = id;
    }

    /** The lower-case name used in requests and responses ({@code linux}, {@code windows}, {@code macos}). */
    public String id() {
        return id;
    }

    /**
     * Parses {@code linux}, {@code windows}, {@code macos} and the common aliases
     * ({@code win32}, {@code win}, {@code darwin}, {@code osx}, {@code mac}), case-insensitively.
     *
     * @throws IllegalArgumentException naming the input and the accepted values
     */
    public static OperatingSystem parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "linux":
                    return LINUX;
                case "windows", "win", "win32":
                    return WINDOWS;
                case "macos", "darwin", "osx", "mac":
                    return MACOS;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(
                "unknown operating system '" + text + "': expected linux, windows or macos");
    }

    @Override
    public String toString() {
        return id;
    }
}
