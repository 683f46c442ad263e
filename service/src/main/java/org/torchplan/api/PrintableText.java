package org.torchplan.api;

import java.util.Optional;

/**
 * The characters request text may contain: printable ASCII without the shell's expansion and control characters.
 *
 * <p>No valid value of any field needs more: names, versions, tags and PEP 508 requirements are ASCII, and
 * {@code `}, {@code $}, {@code \}, {@code |} and {@code &} appear in no real requirement (PEP 508 allows a few of
 * them only inside marker string literals). Rejecting them up front means no rendering ever has to be the only
 * line of defence.
 */
final class PrintableText {

    private static final String SHELL_CHARACTERS = "`$\\|&";
    private static final int ECHO_LIMIT = 64;

    private PrintableText() {
    }

    /** What is wrong with {@code text}, or empty when it is acceptable. */
    static Optional<String> problem(String text) {
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character == 0) {
                return Optional.of("contains a NUL character at position " + index);
            }
            if (character < 0x20 || character == 0x7f) {
                return Optional.of("contains a control character at position " + index);
            }
            if (character > 0x7e) {
                return Optional.of("contains a non-ASCII character at position " + index
                        + ": names, versions and requirements are ASCII");
            }
            if (SHELL_CHARACTERS.indexOf(character) >= 0) {
                return Optional.of("contains the shell metacharacter '" + character + "' at position " + index);
            }
        }
        return Optional.empty();
    }

    /** A safe, short rendition of untrusted text for an error message. */
    static String shorten(String text) {
        return shorten(text, ECHO_LIMIT);
    }

    /** As {@link #shorten(String)}, keeping at most {@code limit} characters. */
    static String shorten(String text, int limit) {
        StringBuilder shown = new StringBuilder(Math.min(text.length(), limit) + 8);
        for (int index = 0; index < text.length() && index < limit; index++) {
            char character = text.charAt(index);
            if (character >= 0x20 && character < 0x7f) {
                shown.append(character);
            } else {
                shown.append(String.format("\\u%04x", (int) character));
            }
        }
        if (text.length() > limit) {
            shown.append("...");
        }
        return shown.toString();
    }
}
