package org.torchplan.resolve;

import java.util.List;

/**
 * The resolver's node names, as pip forms them: the normalized project name, {@code name[extra1,extra2]} for a
 * project asked with extras (extras sorted), and one name for the target Python's Requires-Python checks.
 */
final class Identifiers {

    static final String PYTHON = "<Python from Requires-Python>";

    private Identifiers() {
    }

    static String of(String normalizedName, List<String> sortedExtras) {
        return sortedExtras.isEmpty() ? normalizedName : normalizedName + "[" + String.join(",", sortedExtras) + "]";
    }

    /** The project part of an identifier ({@code torch} of {@code torch[opt]}). */
    static String projectOf(String identifier) {
        int bracket = identifier.indexOf('[');
        return bracket < 0 ? identifier : identifier.substring(0, bracket);
    }
}
