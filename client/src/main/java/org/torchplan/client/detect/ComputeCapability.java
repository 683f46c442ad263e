package org.torchplan.client.detect;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An NVIDIA compute capability such as {@code 8.6} or {@code 12.0}, compared as numbers, not strings. */
record ComputeCapability(int major, int minor) implements Comparable<ComputeCapability> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})");
    private static final Comparator<ComputeCapability> ORDER =
            Comparator.comparingInt(ComputeCapability::major).thenComparingInt(ComputeCapability::minor);

    static Optional<ComputeCapability> parse(String text) {
        Matcher matcher = FORMAT.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ComputeCapability(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
    }

    @Override
    public int compareTo(ComputeCapability other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
