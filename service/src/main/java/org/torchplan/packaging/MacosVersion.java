package org.torchplan.packaging;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The macOS version of a target, which bounds the {@code macosx_X_Y} wheels it runs. */
public record MacosVersion(int major, int minor) implements Comparable<MacosVersion> {

    /**
     * What a macOS target without a reported version is assumed to run: a version above every macOS release, so a
     * wheel for any macOS version qualifies, and the plan warns. The one answer to "no macOS version sent".
     */
    public static final MacosVersion ASSUMED = new MacosVersion(99, 0);

    private static final Pattern PATTERN = Pattern.compile("([0-9]{1,2})(?:[._]([0-9]{1,2}))?(?:[._][0-9]{1,2})?");
    private static final Comparator<MacosVersion> ORDER =
            Comparator.comparingInt(MacosVersion::major).thenComparingInt(MacosVersion::minor);

    public MacosVersion {
        if (major < 10 || minor < 0) {
            throw new InvalidTagException(major + "." + minor, "macOS versions start at 10.0");
        }
    }

    /**
     * Parses {@code 14}, {@code 14.5}, {@code 10.15}, {@code 15.1.1} (the patch level is irrelevant to tags)
     * or the tag spelling {@code 10_15}.
     *
     * @throws InvalidTagException naming the input
     */
    public static MacosVersion parse(String text) {
        Matcher matcher = PATTERN.matcher(text == null ? "" : text.strip());
        if (!matcher.matches()) {
            throw new InvalidTagException(text, "expected a macOS version such as 14.5");
        }
        int minor = matcher.group(2) == null ? 0 : Integer.parseInt(matcher.group(2));
        try {
            return new MacosVersion(Integer.parseInt(matcher.group(1)), minor);
        } catch (InvalidTagException unsupported) {
            throw new InvalidTagException(text, unsupported.getMessage());
        }
    }

    @Override
    public int compareTo(MacosVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
