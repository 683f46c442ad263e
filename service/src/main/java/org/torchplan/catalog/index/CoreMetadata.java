package org.torchplan.catalog.index;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.torchplan.packaging.Version;

/** Reads the one fact the catalog needs from a wheel's core metadata file: which torch it pins. */
public final class CoreMetadata {

    /** {@code Requires-Dist: torch==2.10.0}, also the old {@code torch (==2.0.0)} form; markers may follow. */
    private static final Pattern TORCH_PIN = Pattern.compile(
            "(?i)^Requires-Dist:\\s*torch\\s*\\(?\\s*===?\\s*([^\\s,;)]+)\\s*\\)?\\s*(?:;.*)?$");

    private CoreMetadata() {}

    /** The exact torch version the metadata requires, if it pins exactly one. */
    public static Optional<Version> torchPin(String metadata) {
        for (String line : metadata.split("\r?\n")) {
            if (line.isEmpty()) {
                break; // the headers end at the first blank line; the description follows
            }
            Matcher matcher = TORCH_PIN.matcher(line.strip());
            if (matcher.matches()) {
                try {
                    return Optional.of(Version.parse(matcher.group(1)));
                } catch (IllegalArgumentException notAVersion) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
