package org.torchplan.plan;

import java.util.Locale;

/** The tool the install steps are written for. */
public enum Installer {
    PIP("pip"),
    UV("uv");

    private final String id;

    Installer(String id) {
        this.id = id;
    }

    /** The name used in requests ({@code pip}, {@code uv}). */
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the input and the accepted values */
    public static Installer parse(String text) {
        for (Installer installer : values()) {
            if (installer.id.equals(text == null ? null : text.toLowerCase(Locale.ROOT))) {
                return installer;
            }
        }
        throw new IllegalArgumentException("unknown installer '" + text + "': expected pip or uv");
    }

    @Override
    public String toString() {
        return id;
    }
}
