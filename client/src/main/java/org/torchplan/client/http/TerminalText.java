package org.torchplan.client.http;

/**
 * Text the service sent, made safe to print: a terminal acts on control characters (ESC starts sequences that move
 * the cursor, rewrite the title or the clipboard; CR overwrites the line; BEL rings), so a hostile or broken service
 * could make printed text lie. Every C0 and C1 control character except newline and tab, DEL, and the Unicode
 * direction overrides are shown escaped ({@code \x1b}, {@code \u202e}) instead.
 */
public final class TerminalText {

    private TerminalText() {
    }

    public static String escape(String text) {
        StringBuilder escaped = null;
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (!isControl(character)) {
                if (escaped != null) {
                    escaped.append(character);
                }
                continue;
            }
            if (escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, index);
            }
            escaped.append(character <= 0xff ? String.format("\\x%02x", (int) character)
                    : String.format("\\u%04x", (int) character));
        }
        return escaped == null ? text : escaped.toString();
    }

    private static boolean isControl(char character) {
        if (character == '\n' || character == '\t') {
            return false;
        }
        return character < 0x20 || (character >= 0x7f && character <= 0x9f)
                // bidirectional embeddings, overrides and isolates reorder what follows them
                || (character >= 0x202a && character <= 0x202e) || (character >= 0x2066 && character <= 0x2069)
                || character == 0x2028 || character == 0x2029;
    }
}
