package org.torchplan.backend;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A torch minor series ({@code 2.8} covers 2.8.0, 2.8.1 and their builds): the unit PyTorch changes its
 * architecture lists by, since patch releases are built from the same release branch.
 */
public record TorchSeries(int major, int minor) implements Comparable<TorchSeries> {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})");
    private static final Comparator<TorchSeries> ORDER =
            Comparator.comparingInt(TorchSeries::major).thenComparingInt(TorchSeries::minor);

    public TorchSeries {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("a torch series has no negative parts: " + major + "." + minor);
        }
    }

    /**
     * Parses {@code 2.12}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static TorchSeries parse(String text) {
        Matcher matcher = FORM.matcher(text == null ? "" : text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a torch series (MAJOR.MINOR): " + text);
        }
        return new TorchSeries(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** Numerically, major first: 2.9 &lt; 2.10 &lt; 3.0. */
    @Override
    public int compareTo(TorchSeries other) {
        return ORDER.compare(this, other);
    }

    /** {@code 2.12}. */
    @Override
    public String toString() {
        return major + "." + minor;
    }
}
