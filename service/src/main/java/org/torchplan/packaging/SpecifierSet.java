package org.torchplan.packaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A comma-joined set of PEP 440 clauses ({@code >=2.5,<2.7,!=2.5.0}); a version is contained when every
 * clause matches it and the pre-release policy admits it. The empty set contains every final release.
 *
 * <p>Pre-release policy, as PEP 440 "Handling of pre-releases" asks of installers: pre-releases are excluded
 * unless the caller allows them or a clause names one ({@code >=2.6.0rc1}); {@link #filter} falls back to
 * matching pre-releases when they are the only candidates and the caller allows that fallback.
 */
public final class SpecifierSet {

    /** Inputs beyond this are refused: no real requirement is this long, and parsing stays bounded. */
    private static final int MAX_LENGTH = 4096;

    /** Matches every version (pre-releases per the default rule). */
    public static final SpecifierSet ANY = new SpecifierSet(List.of());

    private final List<Specifier> specifiers;
    private final boolean namesPrerelease;

    private SpecifierSet(List<Specifier> specifiers) {
        this.specifiers = List.copyOf(specifiers);
        this.namesPrerelease = specifiers.stream().anyMatch(Specifier::namesPrerelease);
    }

    /**
     * Parses a comma-joined set as pypa/packaging's {@code SpecifierSet(str)} does: blank clauses are skipped, so
     * {@code ">=2.4,"}, {@code ",>=2.4"} and {@code ">=1,,<2"} are accepted, and a string of blanks and commas is
     * {@link #ANY}. A requirement is stricter: {@link Requirement#parse} allows one trailing comma only.
     *
     * @throws InvalidSpecifierException naming the input when any clause is invalid
     */
    public static SpecifierSet parse(String text) {
        if (text == null) {
            throw new InvalidSpecifierException(null, "no specifier given");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidSpecifierException(text, "longer than " + MAX_LENGTH + " characters");
        }
        List<Specifier> specifiers = new ArrayList<>();
        for (String clause : text.split(",", -1)) {
            if (clause.isBlank()) {
                continue;
            }
            try {
                specifiers.add(Specifier.parse(clause));
            } catch (InvalidSpecifierException invalidClause) {
                throw new InvalidSpecifierException(text, invalidClause.getMessage());
            }
        }
        return of(specifiers);
    }

    /** The set of the given clauses. */
    public static SpecifierSet of(Collection<Specifier> specifiers) {
        return specifiers.isEmpty() ? ANY : new SpecifierSet(new ArrayList<>(specifiers));
    }

    public List<Specifier> specifiers() {
        return specifiers;
    }

    public boolean isEmpty() {
        return specifiers.isEmpty();
    }

    /** Whether some clause names a pre-release, which admits pre-releases for the whole set. */
    public boolean namesPrerelease() {
        return namesPrerelease;
    }

    /** Contained under the PEP's default rule: pre-releases only when a clause names one. */
    public boolean contains(Version version) {
        return contains(version, false);
    }

    /**
     * Contained, with pre-releases admitted when {@code allowPrereleases} is true (pip's {@code --pre}) or a
     * clause names one.
     */
    public boolean contains(Version version, boolean allowPrereleases) {
        if (version.isPrerelease() && !allowPrereleases && !namesPrerelease) {
            return false;
        }
        return matchesEveryClause(version);
    }

    /** Whether every clause matches, with no pre-release policy applied. */
    public boolean matchesEveryClause(Version version) {
        for (Specifier specifier : specifiers) {
            if (!specifier.matches(version)) {
                return false;
            }
        }
        return true;
    }

    /** This set and {@code other}'s clauses together (both must hold). */
    public SpecifierSet and(SpecifierSet other) {
        List<Specifier> combined = new ArrayList<>(specifiers);
        combined.addAll(other.specifiers);
        return of(combined);
    }

    /**
     * The candidates this set contains, in their given order. When none qualifies because all matching
     * candidates are pre-releases, and {@code prereleaseFallback} is true, those pre-releases are returned
     * instead (PEP 440: accept pre-releases "where there is no final or post release that satisfies the
     * version specifier").
     */
    public List<Version> filter(Collection<Version> candidates, boolean prereleaseFallback) {
        List<Version> accepted = new ArrayList<>();
        List<Version> matchingPrereleases = new ArrayList<>();
        for (Version candidate : candidates) {
            if (contains(candidate)) {
                accepted.add(candidate);
            } else if (candidate.isPrerelease() && matchesEveryClause(candidate)) {
                matchingPrereleases.add(candidate);
            }
        }
        return accepted.isEmpty() && prereleaseFallback ? matchingPrereleases : accepted;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof SpecifierSet set && specifiers.equals(set.specifiers);
    }

    @Override
    public int hashCode() {
        return specifiers.hashCode();
    }

    /** The normalized clauses joined by commas; empty for {@link #ANY}. */
    @Override
    public String toString() {
        return specifiers.stream().map(Specifier::toString).collect(Collectors.joining(","));
    }
}
