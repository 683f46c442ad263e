package org.torchplan.packaging;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The glibc version of a Linux target, which bounds the manylinux wheels it runs (PEP 600). */
public record GlibcVersion(int major, int minor) implements Comparable<GlibcVersion> {

    /**
     * What a Linux target without a reported glibc is assumed to have: a version above every glibc release, so a
     * manylinux wheel of any glibc qualifies, and the plan warns (a conservative floor would silently hide wheels
     * the machine may well run). The one answer to "no glibc sent"; plans say so in their warnings.
     */
    public static final GlibcVersion ASSUMED = new GlibcVersion(2, 99);

    /** glibc is at 2.4x; the bound keeps a hostile request from asking for thousands of manylinux tags. */
    private static final int MAX_MINOR = 99;
    private static final Pattern PATTERN = Pattern.compile("([0-9]{1,3})[._]([0-9]{1,3})");
    private static final Comparator<GlibcVersion> ORDER =
            Comparator.comparingInt(GlibcVersion::major).thenComparingInt(GlibcVersion::minor);

    public GlibcVersion {
        if (major != 2 || minor < 0 || minor > MAX_MINOR) {
            throw new InvalidTagException(major + "." + minor, "glibc versions are 2.0 to 2." + MAX_MINOR);
        }
    }

    /**
     * Parses {@code 2.28} (or {@code 2_28}, as manylinux tags spell it).
     *
     * @throws InvalidTagException naming the input
     */
    public static GlibcVersion parse(String text) {
        Matcher matcher = PATTERN.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new InvalidTagException(text, "expected a glibc version such as 2.28");
        }
        try {
            return new GlibcVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
        } catch (InvalidTagException unsupported) {
            throw new InvalidTagException(text, unsupported.getMessage());
        }
    }

    @Override
    public int compareTo(GlibcVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
