package org.torchplan.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A PEP 508 dependency specification: {@code name[extra,...] specifiers ; marker} or
 * {@code name[extra,...] @ url ; marker}. URL requirements are parsed (the planner reports them as not
 * plannable rather than failing on them).
 */
public final class Requirement {

    private static final int MAX_LENGTH = 4096;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?");

    private final String name;
    private final List<String> extras;
    private final SpecifierSet specifier;
    private final Marker marker;
    private final String url;

    private Requirement(String name, List<String> extras, SpecifierSet specifier, Marker marker, String url) {
        this.name = name;
        this.extras = extras;
        this.specifier = specifier;
        this.marker = marker;
        this.url = url;
    }

    /**
     * Parses a PEP 508 requirement.
     *
     * @throws InvalidRequirementException naming the input, also when its specifier or marker is invalid
     */
    public static Requirement parse(String text) {
        if (text == null) {
            throw new InvalidRequirementException(null, "no requirement given");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidRequirementException(text, "longer than " + MAX_LENGTH + " characters");
        }
        String rest = text.strip();
        int nameEnd = 0;
        while (nameEnd < rest.length() && isNameCharacter(rest.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = rest.substring(0, nameEnd);
        if (!NAME.matcher(name).matches()) {
            throw new InvalidRequirementException(text, "expected a project name at the start");
        }
        rest = rest.substring(nameEnd).stripLeading();
        List<String> extras = List.of();
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new InvalidRequirementException(text, "missing ']' after the extras");
            }
            extras = parseExtras(text, rest.substring(1, close));
            rest = rest.substring(close + 1).stripLeading();
        }
        String url = null;
        String markerText = null;
        SpecifierSet specifier = SpecifierSet.ANY;
        if (rest.startsWith("@")) {
            rest = rest.substring(1).stripLeading();
            int urlEnd = 0;
            while (urlEnd < rest.length() && !Character.isWhitespace(rest.charAt(urlEnd))) {
                urlEnd++;
            }
            url = rest.substring(0, urlEnd);
            if (url.isEmpty()) {
                throw new InvalidRequirementException(text, "expected a URL after '@'");
            }
            rest = rest.substring(urlEnd).stripLeading();
            if (!rest.isEmpty()) {
                if (!rest.startsWith(";")) {
                    throw new InvalidRequirementException(text, "expected ';' and a marker after the URL");
                }
                markerText = rest.substring(1);
            }
        } else {
            int semicolon = rest.indexOf(';');
            String specifierText = (semicolon < 0 ? rest : rest.substring(0, semicolon)).strip();
            if (semicolon >= 0) {
                markerText = rest.substring(semicolon + 1);
            }
            specifier = parseSpecifier(text, specifierText);
        }
        Marker marker = null;
        if (markerText != null) {
            try {
                marker = Marker.parse(markerText.strip());
            } catch (InvalidMarkerException invalidMarker) {
                throw new InvalidRequirementException(text, invalidMarker.getMessage());
            }
        }
        return new Requirement(name, extras, specifier, marker, url);
    }

    private static boolean isNameCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-';
    }

    /** Extras are names too; they are kept PEP 503 normalized, sorted and without duplicates. */
    private static List<String> parseExtras(String text, String extrasText) {
        if (extrasText.isBlank()) {
            return List.of();
        }
        TreeSet<String> extras = new TreeSet<>();
        for (String extra : extrasText.split(",", -1)) {
            String trimmed = extra.strip();
            if (!NAME.matcher(trimmed).matches()) {
                throw new InvalidRequirementException(text, "invalid extra '" + trimmed + "'");
            }
            extras.add(PackageName.normalize(trimmed));
        }
        return List.copyOf(extras);
    }

    /**
     * The specifier may be parenthesised, as PEP 508 allows: {@code name (>=1.0, <2)}. Its clauses are joined by
     * commas, and one comma may follow the last clause ({@code torch>=2.4,}, {@code name (>=1.0, )}), as
     * pypa/packaging's requirement grammar reads it ({@code _parse_version_many}: after each clause an optional
     * comma, and the list ends at the first non-clause). A comma with no clause before it is refused:
     * {@code torch,>=2}, {@code torch>=1,,<2}, {@code torch>=2.4,,} and {@code torch (,)}.
     */
    private static SpecifierSet parseSpecifier(String text, String specifierText) {
        String clauses = specifierText;
        if (clauses.startsWith("(")) {
            if (!clauses.endsWith(")")) {
                throw new InvalidRequirementException(text, "missing ')' after the version specifier");
            }
            clauses = clauses.substring(1, clauses.length() - 1);
        }
        clauses = clauses.strip();
        if (clauses.endsWith(",")) {
            clauses = clauses.substring(0, clauses.length() - 1);
            if (clauses.isBlank()) {
                throw new InvalidRequirementException(text, "expected a version clause before ','");
            }
        }
        if (!clauses.isBlank()) {
            for (String clause : clauses.split(",", -1)) {
                if (clause.isBlank()) {
                    throw new InvalidRequirementException(text, "expected a version clause before ','");
                }
            }
        }
        try {
            return SpecifierSet.parse(clauses);
        } catch (InvalidSpecifierException invalidSpecifier) {
            throw new InvalidRequirementException(text, invalidSpecifier.getMessage());
        }
    }

    /** The name as written. */
    public String name() {
        return name;
    }

    /** The PEP 503 normalized name, the one to look up in an index. */
    public String normalizedName() {
        return PackageName.normalize(name);
    }

    /** The requested extras, normalized and sorted. */
    public List<String> extras() {
        return extras;
    }

    /** The version clauses; {@link SpecifierSet#ANY} when none (always so for URL requirements). */
    public SpecifierSet specifier() {
        return specifier;
    }

    public Optional<Marker> marker() {
        return Optional.ofNullable(marker);
    }

    /** The URL of a {@code name @ url} requirement. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** Whether the requirement applies in {@code environment} (always, without a marker). */
    public boolean appliesTo(MarkerEnvironment environment) {
        return marker == null || marker.evaluate(environment);
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Requirement requirement && toString().equals(requirement.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** The normalized requirement, for example {@code torch[opt]>=2.5,<2.7; python_version >= "3.10"}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name);
        if (!extras.isEmpty()) {
            text.append('[').append(String.join(",", extras)).append(']');
        }
        if (url != null) {
            text.append(" @ ").append(url);
            if (marker != null) {
                text.append(' ');
            }
        } else {
            text.append(specifier);
        }
        if (marker != null) {
            text.append("; ").append(marker);
        }
        return text.toString();
    }
}
