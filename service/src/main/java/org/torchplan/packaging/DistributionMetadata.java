package org.torchplan.packaging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a distribution's core metadata (the wheel's {@code METADATA} file, also served as a PEP 658 {@code .metadata}
 * file) says that installing it depends on.
 *
 * @param name the distribution's name, as written
 * @param version its version
 * @param requiresDist every {@code Requires-Dist}, markers (including {@code extra == "..."}) not yet evaluated
 * @param requiresPython the {@code Requires-Python} value as written (checked with {@link RequiresPython}), when given
 * @param providesExtra the extras it declares ({@code Provides-Extra}), normalized
 */
public record DistributionMetadata(
        String name,
        Version version,
        List<Requirement> requiresDist,
        Optional<String> requiresPython,
        List<String> providesExtra) {

    public DistributionMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        requiresDist = List.copyOf(requiresDist);
        Objects.requireNonNull(requiresPython, "requiresPython");
        providesExtra = List.copyOf(providesExtra);
    }

    /**
     * Reads core metadata as the packaging specifications write it (RFC 822 style headers, PEP 566): one
     * {@code Field: value} per line, a line starting with a space or tab continues the previous field, and the
     * headers end at the first blank line (the description, the body, follows and is not read). Field names compare
     * without case. {@code Name} and {@code Version} are required; every {@code Requires-Dist} is parsed with
     * {@link Requirement#parse} (the old {@code name (>=1.0)} form included); {@code Requires-Python} is kept as
     * written; {@code Provides-Extra} is normalized, duplicates dropped.
     *
     * @throws InvalidMetadataException naming the field or line that does not read
     */
    public static DistributionMetadata parse(String metadataText) {
        if (metadataText == null) {
            throw new InvalidMetadataException(null, "no metadata given");
        }
        List<String[]> fields = headers(metadataText);
        String name = null;
        String versionText = null;
        String requiresPython = null;
        List<Requirement> requiresDist = new ArrayList<>();
        Set<String> extras = new LinkedHashSet<>();
        for (String[] field : fields) {
            String value = field[1];
            switch (field[0].toLowerCase(Locale.ROOT)) {
                case "name" -> name = value;
                case "version" -> versionText = value;
                case "requires-python" -> requiresPython = value;
                case "requires-dist" -> requiresDist.add(requirement(value));
                case "provides-extra" -> extras.add(extra(value));
                default -> { } // every other field says nothing about installing
            }
        }
        if (name == null || name.isEmpty()) {
            throw new InvalidMetadataException(abbreviated(metadataText), "no Name field");
        }
        if (versionText == null || versionText.isEmpty()) {
            throw new InvalidMetadataException(abbreviated(metadataText), "no Version field");
        }
        Version version;
        try {
            version = Version.parse(versionText);
        } catch (PackagingParseException invalid) {
            throw new InvalidMetadataException("Version: " + versionText, invalid.getMessage());
        }
        return new DistributionMetadata(name, version, requiresDist,
                requiresPython == null || requiresPython.isEmpty() ? Optional.empty() : Optional.of(requiresPython),
                List.copyOf(extras));
    }

    /** The header fields in order as {name, value}; continuation lines joined to their field with one space. */
    private static List<String[]> headers(String text) {
        List<String[]> fields = new ArrayList<>();
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (String line : lines) {
            if (line.isEmpty()) {
                break; // the end of the headers: the description follows
            }
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                if (fields.isEmpty()) {
                    throw new InvalidMetadataException(line, "a continuation line before any field");
                }
                String[] previous = fields.get(fields.size() - 1);
                String continued = line.strip();
                previous[1] = previous[1].isEmpty() ? continued : previous[1] + " " + continued;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isFieldName(line.substring(0, colon))) {
                throw new InvalidMetadataException(line, "expected 'Field: value'");
            }
            fields.add(new String[] {line.substring(0, colon), line.substring(colon + 1).strip()});
        }
        return fields;
    }

    private static boolean isFieldName(String name) {
        for (int index = 0; index < name.length(); index++) {
            char c = name.charAt(index);
            // RFC 822 field names: printable ASCII except the colon and space
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static Requirement requirement(String value) {
        try {
            return Requirement.parse(value);
        } catch (InvalidRequirementException invalid) {
            throw new InvalidMetadataException("Requires-Dist: " + value, invalid.getMessage());
        }
    }

    private static String extra(String value) {
        if (value.isEmpty() || !value.matches("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?")) {
            throw new InvalidMetadataException("Provides-Extra: " + value, "not a valid extra name");
        }
        return PackageName.normalize(value);
    }

    private static String abbreviated(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + "...";
    }
}
