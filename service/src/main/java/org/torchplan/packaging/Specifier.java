package org.torchplan.packaging;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One PEP 440 version clause: an operator and a version, such as {@code >=2.5}, {@code ==2.5.*},
 * {@code ~=2.5.0} or {@code ===foobar}. {@link #matches(Version)} applies the operator's own rules
 * (local labels, exclusive ordering, wildcards); the pre-release policy belongs to {@link SpecifierSet}.
 */
public final class Specifier {

    /** The operators, longest first so that parsing picks {@code ===} over {@code ==} and {@code <=} over {@code <}. */
    public enum Operator {
        ARBITRARY_EQUAL("==="),
        COMPATIBLE("~="),
        EQUAL("=="),
        NOT_EQUAL("!="),
        LESS_OR_EQUAL("<="),
        GREATER_OR_EQUAL(">="),
        LESS("<"),
        GREATER(">");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** {@code ===} compares strings; the PEP lets them be anything but whitespace (and the ';' / ')' that end them). */
    private static final Pattern ARBITRARY = Pattern.compile("[^\\s;)]+");
    private static final Pattern WILDCARD_PREFIX =
            Pattern.compile("v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*+", Pattern.CASE_INSENSITIVE);

    private final Operator operator;
    private final String versionText;
    private final Version version;
    private final boolean wildcard;

    private Specifier(Operator operator, String versionText, Version version, boolean wildcard) {
        this.operator = operator;
        this.versionText = versionText;
        this.version = version;
        this.wildcard = wildcard;
    }

    /**
     * Parses a single clause.
     *
     * @throws InvalidSpecifierException naming the input
     */
    public static Specifier parse(String text) {
        if (text == null) {
            throw new InvalidSpecifierException(null, "no specifier given");
        }
        String trimmed = text.strip();
        Operator operator = null;
        for (Operator candidate : Operator.values()) {
            if (trimmed.startsWith(candidate.symbol())) {
                operator = candidate;
                break;
            }
        }
        if (operator == null) {
            throw new InvalidSpecifierException(text,
                    "expected one of ===, ~=, ==, !=, <=, >=, <, > before the version");
        }
        String versionText = trimmed.substring(operator.symbol().length()).strip();
        if (operator == Operator.ARBITRARY_EQUAL) {
            if (!ARBITRARY.matcher(versionText).matches()) {
                throw new InvalidSpecifierException(text, "=== needs a version string without spaces");
            }
            return new Specifier(operator, versionText, null, false);
        }
        boolean wildcard = versionText.endsWith(".*");
        if (wildcard) {
            if (operator != Operator.EQUAL && operator != Operator.NOT_EQUAL) {
                throw new InvalidSpecifierException(text, "a '.*' suffix is only allowed with == and !=");
            }
            String prefix = versionText.substring(0, versionText.length() - 2);
            if (!WILDCARD_PREFIX.matcher(prefix).matches()) {
                throw new InvalidSpecifierException(text, "'.*' may only follow a release segment");
            }
            return new Specifier(operator, versionText, parseVersion(text, prefix), true);
        }
        Version version = parseVersion(text, versionText);
        if (version.hasLocal() && operator != Operator.EQUAL && operator != Operator.NOT_EQUAL) {
            throw new InvalidSpecifierException(text, "a local version label is only allowed with == and !=");
        }
        if (operator == Operator.COMPATIBLE && version.release().size() < 2) {
            throw new InvalidSpecifierException(text, "~= needs at least two release segments (~=2.5, not ~=2)");
        }
        return new Specifier(operator, versionText, version, false);
    }

    private static Version parseVersion(String specifier, String versionText) {
        try {
            return Version.parse(versionText);
        } catch (InvalidVersionException invalidVersion) {
            throw new InvalidSpecifierException(specifier, "'" + versionText + "' is not a PEP 440 version");
        }
    }

    public Operator operator() {
        return operator;
    }

    /** The version as written after the operator (including a {@code .*} suffix). */
    public String versionText() {
        return versionText;
    }

    /**
     * Whether this clause names a pre-release ({@code >=2.6.0rc1}, {@code ==2.6.0.dev20250101}), which makes
     * pre-releases acceptable for the whole set. {@code !=} never does: excluding a pre-release is no
     * request for one.
     */
    public boolean namesPrerelease() {
        if (operator == Operator.ARBITRARY_EQUAL) {
            return Version.isValid(versionText) && Version.parse(versionText).isPrerelease();
        }
        return operator != Operator.NOT_EQUAL && version.isPrerelease();
    }

    /** Whether {@code candidate} satisfies this clause, leaving the pre-release policy to the caller. */
    public boolean matches(Version candidate) {
        switch (operator) {
            case ARBITRARY_EQUAL:
                return candidate.toString().equalsIgnoreCase(versionText);
            case EQUAL:
                return equalMatch(candidate);
            case NOT_EQUAL:
                return !equalMatch(candidate);
            case COMPATIBLE:
                return candidate.publicVersion().compareTo(version) >= 0 && prefixMatch(candidate, compatiblePrefix());
            case LESS_OR_EQUAL:
                return candidate.publicVersion().compareTo(version) <= 0;
            case GREATER_OR_EQUAL:
                return candidate.publicVersion().compareTo(version) >= 0;
            case LESS:
                return lessMatch(candidate);
            case GREATER:
                return greaterMatch(candidate);
            default:
                throw new IllegalStateException("unhandled operator " + operator);
        }
    }

    /** {@code ==2.5.1} ignores the candidate's local label; {@code ==2.5.1+cu124} compares it too. */
    private boolean equalMatch(Version candidate) {
        if (wildcard) {
            return prefixMatch(candidate, version.release());
        }
        return version.hasLocal() ? candidate.equals(version) : candidate.publicVersion().equals(version);
    }

    /** {@code ~=2.5.1} means {@code >=2.5.1, ==2.5.*}: the release without its last segment. */
    private List<Integer> compatiblePrefix() {
        return version.release().subList(0, version.release().size() - 1);
    }

    /**
     * Same epoch, and the candidate's release (zero padded) starts with {@code prefix}: {@code 2.5.*} matches
     * 2.5rc1 and 2.5.1+cu124.
     */
    private boolean prefixMatch(Version candidate, List<Integer> prefix) {
        if (candidate.epoch() != version.epoch()) {
            return false;
        }
        List<Integer> release = candidate.release();
        for (int i = 0; i < prefix.size(); i++) {
            int part = i < release.size() ? release.get(i) : 0;
            if (part != prefix.get(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code <2.5} is exclusive: unless it names a pre-release itself, it does not admit the pre-releases of the
     * specified version (from {@code 2.5.dev0} up to {@code 2.5}); older pre-releases such as {@code 2.4rc1} stay in.
     */
    private boolean lessMatch(Version candidate) {
        if (candidate.compareTo(version) >= 0) {
            return false;
        }
        return version.isPrerelease() || !candidate.isPrerelease()
                || candidate.compareTo(version.earliestPrerelease()) < 0;
    }

    /**
     * {@code >2.5} is exclusive: unless it names a post release itself, it does not admit the post releases of
     * the specified version ({@code 2.5.post1}), nor the specified version with a local label ({@code 2.5+cu124}).
     * {@code >2.5rc1} still admits {@code 2.5+cu124}: that is a local version of 2.5, not of 2.5rc1.
     */
    private boolean greaterMatch(Version candidate) {
        if (candidate.compareTo(version) <= 0) {
            return false;
        }
        if (!version.isPostrelease() && candidate.isPostrelease() && candidate.postBase().equals(version)) {
            return false;
        }
        return !(candidate.hasLocal() && candidate.publicVersion().equals(version));
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Specifier specifier)
                || operator != specifier.operator || wildcard != specifier.wildcard) {
            return false;
        }
        return version == null ? versionText.equalsIgnoreCase(specifier.versionText)
                : version.toString().equals(specifier.version.toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(operator, wildcard, version == null ? versionText.toLowerCase(java.util.Locale.ROOT)
                : version.toString());
    }

    /** The normalized clause, for example {@code >=2.5.0}, {@code ==2.5.*}. */
    @Override
    public String toString() {
        if (version == null) {
            return operator.symbol() + versionText;
        }
        return operator.symbol() + version + (wildcard ? ".*" : "");
    }
}
