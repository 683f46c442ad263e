package org.torchplan.packaging;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPython a plan targets: minor version and whether it is the free-threaded build (PEP 703, ABI
 * {@code cp313t}).
 *
 * <p>Any well-formed CPython target from 3.3 on is accepted: {@code cp38}, {@code cp312}, {@code cp313t},
 * {@code 3.8}, {@code 3.13t}. Whether wheels exist for it is the catalog's answer, not this class's: {@code cp38}
 * is a valid target although PyTorch stopped publishing cp38 wheels after 2.4, and a plan for it either finds
 * an older torch or reports why nothing fits. What is refused is what cannot name one interpreter ABI:
 * <ul>
 *   <li>{@code t} before 3.13: no free-threaded CPython exists before 3.13;</li>
 *   <li>minors of three or more digits, or with a leading zero: pypa/packaging would read {@code cp3120} as
 *       3.120, but CPython releases one minor a year, so such a tag is a typo (of {@code cp312}) rather than a
 *       target. One- and two-digit minors are all accepted (up to 3.99), without an upper bound tied to today's
 *       newest release: an unreleased version simply has no wheels yet;</li>
 *   <li>Python 2 and 3.0 to 3.2. Before 3.3 (PEP 393) an interpreter's ABI tag carries the Unicode width it was
 *       built with: {@code cp27mu} (wide, UCS-4, as most Linux distributions build it) or {@code cp27m} (narrow,
 *       UCS-2, as the Windows and macOS installers and a default source build are). The version cannot tell
 *       which, the PyTorch index carries both for the same release (torch 1.4.0 and 1.5.0 on Linux), and a wrong
 *       guess plans a wheel that fails at import. PyTorch published no Python 2 wheel after 1.5 (2020) and none
 *       ever for 3.0 to 3.2, so these targets are refused with that reason instead of guessed.</li>
 * </ul>
 *
 * <p>The ABI tag follows pypa/packaging's {@code _cpython_abis} for a release (non-debug) build: before 3.8 it
 * carries pymalloc's {@code m} ({@code cp37m}, as every CPython build with the default allocator reports);
 * from 3.8 on it is the bare {@code cp38}; the free-threaded build adds {@code t} ({@code cp313t}).
 */
public record PythonTarget(int major, int minor, boolean freeThreaded) {

    /** The oldest CPython 3 minor accepted: 3.3, the first whose ABI tag does not depend on the Unicode width. */
    public static final int OLDEST_MINOR = 3;
    /** Minors have at most two digits (up to 3.99); see the class comment. */
    public static final int LARGEST_MINOR = 99;
    /** From 3.8 on the ABI tag has no pymalloc {@code m} suffix (bpo-36707). */
    public static final int FIRST_MINOR_WITHOUT_PYMALLOC_SUFFIX = 8;
    /** Free-threaded CPython exists from 3.13 on. */
    public static final int FIRST_FREE_THREADED_MINOR = 13;

    private static final String PYTHON_2_REASON = "Python 2 is not supported: its ABI is cp27mu or cp27m depending on"
            + " the Unicode width the interpreter was built with, which the version cannot tell (PyTorch published"
            + " both, and no Python 2 wheels after torch 1.5)";

    private static final Pattern INTERPRETER_TAG = Pattern.compile("cp([0-9])([0-9]+)(t?)");
    private static final Pattern DOTTED = Pattern.compile("([0-9]+)\\.([0-9]+)(t?)");

    public PythonTarget {
        String reason = unsupportedReason(major, minor, freeThreaded);
        if (reason != null) {
            throw new InvalidTagException("cp" + major + minor + (freeThreaded ? "t" : ""), reason);
        }
    }

    /** Why no single interpreter ABI fits, or null when the target is well-formed. */
    private static String unsupportedReason(int major, int minor, boolean freeThreaded) {
        if (major == 2) {
            return PYTHON_2_REASON;
        }
        if (major != 3) {
            return "no CPython " + major + " exists; expected CPython 3 such as cp312";
        }
        if (minor < OLDEST_MINOR) {
            return "CPython 3.0 to 3.2 are not supported: before 3.3 the ABI depends on the Unicode width the"
                    + " interpreter was built with, which the version cannot tell";
        }
        if (minor > LARGEST_MINOR) {
            return "CPython minor versions have one or two digits (3.12 is cp312)";
        }
        if (freeThreaded && minor < FIRST_FREE_THREADED_MINOR) {
            return "free-threaded CPython starts at 3." + FIRST_FREE_THREADED_MINOR;
        }
        return null;
    }

    /**
     * Parses {@code cp38}, {@code cp312}, {@code cp313t}, {@code 3.8}, {@code 3.12} or {@code 3.13t}.
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
        String major = matcher.group(1);
        String minor = matcher.group(2);
        if (major.length() > 1) {
            throw new InvalidTagException(text, "expected CPython 3 such as cp312 or 3.12");
        }
        if (minor.length() > 2) {
            // pypa/packaging would read cp3120 as 3.120; no such CPython exists, cp312 was meant
            throw new InvalidTagException(text, "CPython minor versions have one or two digits (3.12 is cp312)");
        }
        if (minor.length() == 2 && minor.charAt(0) == '0') {
            throw new InvalidTagException(text, "a minor version has no leading zero (cp39 is 3.9)");
        }
        int majorNumber = Integer.parseInt(major);
        int minorNumber = Integer.parseInt(minor);
        boolean freeThreaded = !matcher.group(3).isEmpty();
        String reason = unsupportedReason(majorNumber, minorNumber, freeThreaded);
        if (reason != null) {
            throw new InvalidTagException(text, reason);
        }
        return new PythonTarget(majorNumber, minorNumber, freeThreaded);
    }

    /** The interpreter tag, {@code cp312} (also for the free-threaded build). */
    public String interpreterTag() {
        return "cp" + major + minor;
    }

    /**
     * The ABI tag of the interpreter's own extension modules: {@code cp312}, {@code cp313t} for the free-threaded
     * build, and {@code cp37m} (pymalloc) before 3.8.
     */
    public String abiTag() {
        String abi = interpreterTag();
        if (freeThreaded) {
            abi += "t";
        }
        if (minor < FIRST_MINOR_WITHOUT_PYMALLOC_SUFFIX) {
            abi += "m";
        }
        return abi;
    }

    /** {@code 3.12}, as the {@code python_version} marker reports it. */
    public String version() {
        return major + "." + minor;
    }

    /**
     * {@code 3.12.0}: the version a {@code Requires-Python} is judged against. Only major and minor are known, so
     * the micro is 0, as pip pads {@code --python-version 3.12}.
     */
    public Version fullVersion() {
        return Version.parse(version() + ".0");
    }

    /** The target as a request names it: {@code cp312}, {@code cp313t}, {@code cp37} (not the ABI {@code cp37m}). */
    @Override
    public String toString() {
        return interpreterTag() + (freeThreaded ? "t" : "");
    }
}
