package org.torchplan.catalog.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the {@code <a>} elements of an HTML page with their attributes and text, entity-decoded.
 *
 * <p>Index pages are machine-written and simple, but mirrors and CDNs sometimes serve challenge or error pages
 * with scripts in them; comments, {@code <script>} and {@code <style>} bodies are skipped so their contents
 * never look like links. Malformed markup ends the scan of that element, never the page.
 */
public final class HtmlAnchors {

    /** One anchor: attribute names in lower case, values decoded; the text with tags removed. */
    public record Anchor(Map<String, String> attributes, String text) {

        String attribute(String name) {
            return attributes.get(name);
        }
    }

    private HtmlAnchors() {}

    public static List<Anchor> scan(String html) {
        List<Anchor> anchors = new ArrayList<>();
        int length = html.length();
        int index = 0;
        while (index < length) {
            int open = html.indexOf('<', index);
            if (open < 0 || open + 1 >= length) {
                break;
            }
            if (html.startsWith("<!--", open)) {
                int close = html.indexOf("-->", open + 4);
                index = close < 0 ? length : close + 3;
                continue;
            }
            int nameEnd = open + 1;
            while (nameEnd < length && isNameCharacter(html.charAt(nameEnd))) {
                nameEnd++;
            }
            String tag = html.substring(open + 1, nameEnd).toLowerCase(Locale.ROOT);
            if (tag.equals("script") || tag.equals("style")) {
                int close = indexOfIgnoreCase(html, "</" + tag, nameEnd);
                index = close < 0 ? length : close + 2 + tag.length();
                continue;
            }
            if (!tag.equals("a")) {
                index = nameEnd;
                continue;
            }
            Map<String, String> attributes = new HashMap<>();
            int tagEnd = readAttributes(html, nameEnd, attributes);
            if (tagEnd < 0) {
                break;
            }
            // the text ends at </a>, or at the next <a> when a sloppy page never closes this one
            int close = indexOfIgnoreCase(html, "</a", tagEnd);
            int nextAnchor = nextAnchorStart(html, tagEnd);
            boolean unclosed = close < 0 || (nextAnchor >= 0 && nextAnchor < close);
            int textEnd = unclosed ? (nextAnchor < 0 ? tagEnd : nextAnchor) : close;
            String rawText = html.substring(tagEnd, textEnd);
            anchors.add(new Anchor(Map.copyOf(attributes), HtmlEntities.unescape(stripTags(rawText)).strip()));
            index = unclosed ? textEnd : close + 3;
        }
        return anchors;
    }

    /** Reads attributes up to the closing {@code >}; returns the index after it, or -1 at end of input. */
    private static int readAttributes(String html, int start, Map<String, String> attributes) {
        int length = html.length();
        int index = start;
        while (index < length) {
            char character = html.charAt(index);
            if (character == '>') {
                return index + 1;
            }
            if (Character.isWhitespace(character) || character == '/') {
                index++;
                continue;
            }
            int nameStart = index;
            while (index < length && !Character.isWhitespace(html.charAt(index))
                    && "=>/".indexOf(html.charAt(index)) < 0) {
                index++;
            }
            String name = html.substring(nameStart, index).toLowerCase(Locale.ROOT);
            while (index < length && Character.isWhitespace(html.charAt(index))) {
                index++;
            }
            String value = "";
            if (index < length && html.charAt(index) == '=') {
                index++;
                while (index < length && Character.isWhitespace(html.charAt(index))) {
                    index++;
                }
                if (index < length && (html.charAt(index) == '"' || html.charAt(index) == '\'')) {
                    char quote = html.charAt(index);
                    int close = html.indexOf(quote, index + 1);
                    if (close < 0) {
                        return -1;
                    }
                    value = html.substring(index + 1, close);
                    index = close + 1;
                } else {
                    int valueStart = index;
                    while (index < length && !Character.isWhitespace(html.charAt(index)) && html.charAt(index) != '>') {
                        index++;
                    }
                    value = html.substring(valueStart, index);
                }
            }
            attributes.putIfAbsent(name, HtmlEntities.unescape(value));
        }
        return -1;
    }

    private static int nextAnchorStart(String html, int from) {
        int index = indexOfIgnoreCase(html, "<a", from);
        while (index >= 0 && index + 2 < html.length() && isNameCharacter(html.charAt(index + 2))) {
            index = indexOfIgnoreCase(html, "<a", index + 2); // <abbr>, <area>: not anchors
        }
        return index;
    }

    private static String stripTags(String text) {
        if (text.indexOf('<') < 0) {
            return text;
        }
        return text.replaceAll("<[^>]*>", "");
    }

    private static boolean isNameCharacter(char character) {
        return Character.isLetterOrDigit(character) || character == '-';
    }

    private static int indexOfIgnoreCase(String text, String wanted, int from) {
        int limit = text.length() - wanted.length();
        for (int index = from; index <= limit; index++) {
            if (text.regionMatches(true, index, wanted, 0, wanted.length())) {
                return index;
            }
        }
        return -1;
    }
}
