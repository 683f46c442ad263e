package org.torchplan.packaging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version: {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]}.
 *
 * <p>Parsing accepts every spelling the PEP allows (case, a leading {@code v}, {@code alpha}/{@code c}/
 * {@code pre}/{@code preview}, {@code rev}/{@code r}, implicit numbers, {@code -N} post releases, any of
 * {@code -_.} as separators) and {@link #toString()} gives the normalized form. Ordering is the PEP's:
 * dev releases before pre-releases before the final release before post releases, trailing zeros in the
 * release ignored ({@code 1.0 == 1.0.0}), and a local label sorts after its public version, segment by
 * segment (numeric segments above alphanumeric ones, a longer label above its own prefix).
 * {@link #equals} agrees with {@link #compareTo}.
 */
public final class Version implements Comparable<Version> {

    /** Inputs beyond this are refused before matching: no real version is this long, and it bounds the regex work. */
    private static final int MAX_LENGTH = 512;

    // Written from the grammar in PEP 440, "Appendix B: Parsing version strings with regular expressions".
    private static final Pattern PATTERN = Pattern.compile(
            "\\s*v?"
                    + "(?:(?<epoch>[0-9]+)!)?"
                    + "(?<release>[0-9]+(?:\\.[0-9]+)*+)"
                    + "(?:[-_.]?(?<preLabel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preNumber>[0-9]+)?)?"
                    + "(?:-(?<implicitPost>[0-9]+)|[-_.]?(?:post|rev|r)[-_.]?(?<postNumber>[0-9]+)?(?<postMark>))?"
                    + "(?:[-_.]?(?<devMark>dev)[-_.]?(?<devNumber>[0-9]+)?)?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*+))?"
                    + "\\s*",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern LOCAL_SEPARATOR = Pattern.compile("[-_.]");

    private final int epoch;
    private final List<Integer> release;
    private final String preLabel;
    private final long preNumber;
    private final Long post;
    private final Long dev;
    private final List<String> local;

    private Version(int epoch, List<Integer> release, String preLabel, long preNumber, Long post, Long dev,
            List<String> local) {
        this.epoch = epoch;
        this.release = release;
        this.preLabel = preLabel;
        this.preNumber = preNumber;
        this.post = post;
        this.dev = dev;
        this.local = local;
    }

    /**
     * Parses a PEP 440 version.
     *
     * @throws InvalidVersionException naming the input when it is not a valid version
     */
    public static Version parse(String text) {
        if (text == null) {
            throw new InvalidVersionException(null, "no version given");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidVersionException(text, "longer than " + MAX_LENGTH + " characters");
        }
        Matcher matcher = PATTERN.matcher(text);
        if (!matcher.matches()) {
            throw new InvalidVersionException(text, "not a PEP 440 version");
        }
        int epoch = matcher.group("epoch") == null ? 0 : toInt(text, matcher.group("epoch"));
        List<Integer> release = new ArrayList<>();
        for (String part : matcher.group("release").split("\\.")) {
            release.add(toInt(text, part));
        }
        String preLabel = null;
        long preNumber = 0;
        if (matcher.group("preLabel") != null) {
            preLabel = normalizePreLabel(matcher.group("preLabel"));
            preNumber = optionalNumber(text, matcher.group("preNumber"));
        }
        Long post = null;
        if (matcher.group("implicitPost") != null) {
            post = toLong(text, matcher.group("implicitPost"));
        } else if (matcher.group("postMark") != null) {
            post = optionalNumber(text, matcher.group("postNumber"));
        }
        Long dev = matcher.group("devMark") == null ? null : optionalNumber(text, matcher.group("devNumber"));
        List<String> local = null;
        if (matcher.group("local") != null) {
            local = new ArrayList<>();
            for (String segment : LOCAL_SEPARATOR.split(matcher.group("local").toLowerCase(Locale.ROOT))) {
                local.add(isNumeric(segment) ? stripLeadingZeros(segment) : segment);
            }
            local = Collections.unmodifiableList(local);
        }
        return new Version(epoch, Collections.unmodifiableList(release), preLabel, preNumber, post, dev, local);
    }

    /** Whether {@code text} parses as a version, for callers that only branch on it. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidVersionException notAVersion) {
            return false;
        }
    }

    private static String normalizePreLabel(String label) {
        switch (label.toLowerCase(Locale.ROOT)) {
            case "a", "alpha":
                return "a";
            case "b", "beta":
                return "b";
            default:
                return "rc";
        }
    }

    private static long optionalNumber(String text, String digits) {
        return digits == null ? 0 : toLong(text, digits);
    }

    private static int toInt(String text, String digits) {
        long value = toLong(text, digits);
        if (value > Integer.MAX_VALUE) {
            throw new InvalidVersionException(text, "component " + digits + " is too large");
        }
        return (int) value;
    }

    private static long toLong(String text, String digits) {
        String significant = stripLeadingZeros(digits);
        if (significant.length() > 18) {
            throw new InvalidVersionException(text, "component " + digits + " is too large");
        }
        return Long.parseLong(significant);
    }

    static boolean isNumeric(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !segment.isEmpty();
    }

    private static String stripLeadingZeros(String digits) {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        return digits.substring(start);
    }

    public int epoch() {
        return epoch;
    }

    /** The release segment as written (trailing zeros kept: {@code 2.5.0} gives {@code [2, 5, 0]}). */
    public List<Integer> release() {
        return release;
    }

    public int major() {
        return releasePart(0);
    }

    public int minor() {
        return releasePart(1);
    }

    public int micro() {
        return releasePart(2);
    }

    private int releasePart(int index) {
        return index < release.size() ? release.get(index) : 0;
    }

    /** Whether this is a pre-release in the PEP's sense: it has a pre-release or a dev-release segment. */
    public boolean isPrerelease() {
        return preLabel != null || dev != null;
    }

    public boolean isDevrelease() {
        return dev != null;
    }

    /** The dev-release number ({@code 20260518} for {@code 2.13.0.dev20260518}), or -1 when there is none. */
    public long devNumber() {
        return dev == null ? -1 : dev;
    }

    public boolean isPostrelease() {
        return post != null;
    }

    /** The normalized local label without the {@code +} ({@code cu124}, {@code rocm6.2.4}), or null. */
    public String local() {
        return local == null ? null : String.join(".", local);
    }

    public boolean hasLocal() {
        return local != null;
    }

    /** This version without its local label. */
    public Version publicVersion() {
        return local == null ? this : new Version(epoch, release, preLabel, preNumber, post, dev, null);
    }

    /** Epoch and release only: {@code 1!2.5.1rc1.post2+cu124} gives {@code 1!2.5.1}. */
    public Version baseVersion() {
        if (preLabel == null && post == null && dev == null && local == null) {
            return this;
        }
        return new Version(epoch, release, null, 0, null, null, null);
    }

    /** The earliest pre-release of this version: {@code 1.2.dev0} for 1.2, {@code 1.2.post1.dev0} for 1.2.post1. */
    Version earliestPrerelease() {
        return new Version(epoch, release, preLabel, preNumber, post, 0L, null);
    }

    /** The version this is a post release of: {@code 1.0a1.post2.dev3+x} gives {@code 1.0a1}. */
    Version postBase() {
        return new Version(epoch, release, preLabel, preNumber, null, null, null);
    }

    @Override
    public int compareTo(Version other) {
        int result = Integer.compare(epoch, other.epoch);
        if (result != 0) {
            return result;
        }
        result = compareRelease(release, other.release);
        if (result != 0) {
            return result;
        }
        result = Long.compare(preRank(), other.preRank());
        if (result != 0) {
            return result;
        }
        if (preLabel != null && other.preLabel != null) {
            result = Long.compare(preNumber, other.preNumber);
            if (result != 0) {
                return result;
            }
        }
        // No post release sorts before any post release; no dev release sorts after any dev release.
        result = Long.compare(post == null ? -1 : post, other.post == null ? -1 : other.post);
        if (result != 0) {
            return result;
        }
        result = Long.compare(dev == null ? Long.MAX_VALUE : dev, other.dev == null ? Long.MAX_VALUE : other.dev);
        if (result != 0) {
            return result;
        }
        return compareLocal(local, other.local);
    }

    /**
     * Where the pre-release part places this version among its release: a bare dev release ({@code 1.0.dev1})
     * comes before every pre-release, a final or post release after all of them.
     */
    private long preRank() {
        if (preLabel == null) {
            return post == null && dev != null ? -1 : 3;
        }
        switch (preLabel) {
            case "a":
                return 0;
            case "b":
                return 1;
            default:
                return 2;
        }
    }

    private static int compareRelease(List<Integer> left, List<Integer> right) {
        int length = Math.max(left.size(), right.size());
        for (int i = 0; i < length; i++) {
            int result = Integer.compare(i < left.size() ? left.get(i) : 0, i < right.size() ? right.get(i) : 0);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }

    private static int compareLocal(List<String> left, List<String> right) {
        if (left == null || right == null) {
            return left == null ? (right == null ? 0 : -1) : 1;
        }
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int result = compareLocalSegment(left.get(i), right.get(i));
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    /** Numeric segments compare as (unbounded) numbers and above alphanumeric ones, which compare as text. */
    private static int compareLocalSegment(String left, String right) {
        boolean leftNumeric = isNumeric(left);
        boolean rightNumeric = isNumeric(right);
        if (leftNumeric && rightNumeric) {
            int result = Integer.compare(left.length(), right.length());
            return result != 0 ? result : left.compareTo(right);
        }
        if (leftNumeric != rightNumeric) {
            return leftNumeric ? 1 : -1;
        }
        return left.compareTo(right);
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Version version && compareTo(version) == 0;
    }

    @Override
    public int hashCode() {
        int significant = release.size();
        while (significant > 1 && release.get(significant - 1) == 0) {
            significant--;
        }
        return Objects.hash(epoch, release.subList(0, significant), preLabel, preLabel == null ? 0 : preNumber,
                post, dev, local);
    }

    /** The normalized form, for example {@code 1!2.5.1rc1.post2.dev3+cu124}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (epoch != 0) {
            text.append(epoch).append('!');
        }
        for (int i = 0; i < release.size(); i++) {
            if (i > 0) {
                text.append('.');
            }
            text.append(release.get(i));
        }
        if (preLabel != null) {
            text.append(preLabel).append(preNumber);
        }
        if (post != null) {
            text.append(".post").append(post);
        }
        if (dev != null) {
            text.append(".dev").append(dev);
        }
        if (local != null) {
            text.append('+').append(local());
        }
        return text.toString();
    }
}
