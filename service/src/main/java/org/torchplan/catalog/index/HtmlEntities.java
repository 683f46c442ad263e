package org.torchplan.catalog.index;

import java.util.Map;

/** Decodes the HTML character references that index pages use in attributes and text. */
public final class HtmlEntities {

    /** The named references seen in simple-index pages; unknown names are kept verbatim, as browsers do. */
    private static final Map<String, String> NAMED = Map.of(
            "amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", "\u00a0");

    private HtmlEntities() {}

    public static String unescape(String text) {
        int ampersand = text.indexOf('&');
        if (ampersand < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, ampersand);
        int index = ampersand;
        while (index < text.length()) {
            char character = text.charAt(index);
            if (character != '&') {
                out.append(character);
                index++;
                continue;
            }
            int semicolon = text.indexOf(';', index);
            String decoded = semicolon > index + 1 && semicolon - index <= 10
                    ? decode(text.substring(index + 1, semicolon))
                    : null;
            if (decoded == null) {
                out.append('&');
                index++;
            } else {
                out.append(decoded);
                index = semicolon + 1;
            }
        }
        return out.toString();
    }

    private static String decode(String reference) {
        if (reference.startsWith("#")) {
            try {
                int codePoint = reference.startsWith("#x") || reference.startsWith("#X")
                        ? Integer.parseInt(reference.substring(2), 16)
                        : Integer.parseInt(reference.substring(1));
                return Character.isValidCodePoint(codePoint) ? new String(Character.toChars(codePoint)) : null;
            } catch (NumberFormatException notNumeric) {
                return null;
            }
        }
        return NAMED.get(reference);
    }
}
