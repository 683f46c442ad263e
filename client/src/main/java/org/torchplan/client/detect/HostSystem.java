package org.torchplan.client.detect;

import java.util.Locale;

/** The operating system the client runs on, which decides where probes look. */
public enum HostSystem {
    LINUX("linux"), WINDOWS("windows"), MACOS("macos"), OTHER("other");

    private final String id;

    HostSystem(String id) {
        this.id = id;
    }

    /** The service's name for the OS ({@code linux}, {@code windows}, {@code macos}). */
    public String id() {
        return id;
    }

    public static HostSystem current() {
        return fromOsName(System.getProperty("os.name", ""));
    }

    static HostSystem fromOsName(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("linux")) {
            return LINUX;
        }
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        if (name.startsWith("mac")) {
            return MACOS;
        }
        return OTHER;
    }
}
