package org.torchplan.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A reader of the shell words the sh rendering writes, following POSIX quoting: single-quoted text is literal,
 * a backslash outside quotes escapes the next character, and any other special character is an error, because
 * the rendering never writes one unquoted. Double quotes are accepted only around the interpreter expansion.
 */
final class ShellWords {

    static final String INTERPRETER = "<interpreter>";

    private ShellWords() {
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int index = 0;
        while (index < line.length()) {
            char character = line.charAt(index);
            if (character == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                index++;
            } else if (line.startsWith(ShellScriptRendering.INTERPRETER_WORD, index) && word == null) {
                words.add(INTERPRETER);
                index += ShellScriptRendering.INTERPRETER_WORD.length();
                if (index < line.length() && line.charAt(index) != ' ') {
                    throw new IllegalArgumentException("text glued to the interpreter word in: " + line);
                }
            } else if (character == '\'') {
                int close = line.indexOf('\'', index + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated single quote in: " + line);
                }
                word = word == null ? new StringBuilder() : word;
                word.append(line, index + 1, close);
                index = close + 1;
            } else if (character == '\\' && index + 1 < line.length()) {
                word = word == null ? new StringBuilder() : word;
                word.append(line.charAt(index + 1));
                index += 2;
            } else {
                throw new IllegalArgumentException(
                        "unquoted character '" + character + "' at " + index + " in: " + line);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
