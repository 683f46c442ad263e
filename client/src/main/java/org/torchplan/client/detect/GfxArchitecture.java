package org.torchplan.client.detect;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AMD GPU architecture by its LLVM target name ({@code gfx90a}, {@code gfx1100}), compared as numbers: the name is
 * {@code gfx}, the major version in decimal, then one decimal digit of minor version and one hex digit of stepping.
 */
record GfxArchitecture(int major, int minor, int stepping) implements Comparable<GfxArchitecture> {

    private static final Pattern NAME = Pattern.compile("gfx(\\d{1,3})(\\d)([0-9a-f])");
    private static final Comparator<GfxArchitecture> ORDER = Comparator.comparingInt(GfxArchitecture::major)
            .thenComparingInt(GfxArchitecture::minor).thenComparingInt(GfxArchitecture::stepping);

    static Optional<GfxArchitecture> parse(String name) {
        Matcher matcher = NAME.matcher(name.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new GfxArchitecture(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3), 16)));
    }

    @Override
    public int compareTo(GfxArchitecture other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "gfx" + major + minor + Integer.toHexString(stepping);
    }
}
