package org.torchplan.packaging;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPython a plan targets: minor version and whether it is the free-threaded build (PEP 703, ABI
 * {@code cp313t}). Only the versions a PyTorch plan can reasonably target are accepted, so a typo such as
 * {@code cp3120} is an error rather than a target no wheel will ever match.
 */
public record PythonTarget(int major, int minor, boolean freeThreaded) {

    /** Oldest and newest CPython 3 minors accepted (3.9 through 3.15); widen as CPython releases. */
    public static final int OLDEST_MINOR = 9;
    public static final int NEWEST_MINOR = 15;
    /** Free-threaded CPython exists from 3.13 on. */
    public static final int FIRST_FREE_THREADED_MINOR = 13;

    private static final Pattern INTERPRETER_TAG = Pattern.compile("cp3([0-9]{1,2})(t?)");
    private static final Pattern DOTTED = Pattern.compile("3\\.([0-9]{1,2})(t?)");

    public PythonTarget {
        String described = "cp" + major + minor + (freeThreaded ? "t" : "");
        if (major != 3 || minor < OLDEST_MINOR || minor > NEWEST_MINOR) {
            throw new InvalidTagException(described,
                    "supported Python targets are 3." + OLDEST_MINOR + " to 3." + NEWEST_MINOR);
        }
        if (freeThreaded && minor < FIRST_FREE_THREADED_MINOR) {
            throw new InvalidTagException(described, "free-threaded CPython starts at 3." + FIRST_FREE_THREADED_MINOR);
        }
    }

    /**
     * Parses {@code cp312}, {@code cp313t}, {@code 3.12} or {@code 3.13t}.
     *
     * @throws InvalidTagException naming the input
     */
    public static PythonTarget parse(String text) {
        if (text == null) {
            throw new InvalidTagException(null, "no Python target given");
        }
        String normalized = text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = INTERPRETER_TAG.matcher(normalized);
        if (!matcher.matches()) {
            matcher = DOTTED.matcher(normalized);
        }
        if (!matcher.matches()) {
            throw new InvalidTagException(text, "expected a CPython target such as cp312, cp313t or 3.12");
        }
        try {
            return new PythonTarget(3, Integer.parseInt(matcher.group(1)), !matcher.group(2).isEmpty());
        } catch (InvalidTagException unsupported) {
            throw new InvalidTagException(text, unsupported.getMessage());
        }
    }

    /** The interpreter tag, {@code cp312} (also for the free-threaded build). */
    public String interpreterTag() {
        return "cp" + major + minor;
    }

    /** The ABI tag, {@code cp312}, or {@code cp313t} for the free-threaded build. */
    public String abiTag() {
        return interpreterTag() + (freeThreaded ? "t" : "");
    }

    /** {@code 3.12}, as the {@code python_version} marker reports it. */
    public String version() {
        return major + "." + minor;
    }

    @Override
    public String toString() {
        return abiTag();
    }
}
