package org.torchplan.client.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads requirements files the way pip does: lines ending in a backslash continue, {@code #} starts a comment at
 * the line start or after whitespace, {@code ${VAR}} expands from the environment, and {@code -r FILE} includes
 * another file relative to the including one. Options pip would honour ({@code --index-url}, {@code -e},
 * {@code --hash}, ...) are refused with the file and line: the service chooses indexes and pins, so silently
 * dropping them would install something other than the file says.
 */
public final class RequirementsFileReader {

    private static final Pattern COMMENT = Pattern.compile("(^|\\s+)#.*$");
    // pip expands only upper-case POSIX names, written with braces
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    private static final Pattern INCLUDE = Pattern.compile("(?:-r|--requirement)(?:\\s*=\\s*|\\s+|(?=[^-\\s]))(.+)");
    private static final Pattern PER_REQUIREMENT_OPTION = Pattern.compile("\\s(--?[A-Za-z][A-Za-z-]*)");

    private final Map<String, String> environment;

    public RequirementsFileReader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** @return the requirement strings in file order, includes expanded in place */
    public List<String> read(Path file) {
        List<String> requirements = new ArrayList<>();
        read(file.toAbsolutePath().normalize(), new ArrayDeque<>(), requirements);
        return requirements;
    }

    private void read(Path file, Deque<Path> includeChain, List<String> requirements) {
        if (includeChain.contains(file)) {
            throw new RequirementsFileException(file + " includes itself (through " + includeChain.peek() + ")");
        }
        List<String> physicalLines;
        try {
            physicalLines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            throw new RequirementsFileException("cannot read requirements file " + file + ": no such file"
                    + (includeChain.isEmpty() ? "" : " (included from " + includeChain.peek() + ")"));
        } catch (IOException | RuntimeException unreadable) {
            throw new RequirementsFileException("cannot read requirements file " + file + ": " + unreadable.getMessage());
        }
        includeChain.push(file);
        for (LogicalLine line : joinContinuations(physicalLines)) {
            String text = expandVariables(COMMENT.matcher(line.text()).replaceFirst("")).strip();
            if (text.isEmpty()) {
                continue;
            }
            String where = file + ":" + line.number();
            if (text.startsWith("-")) {
                Matcher include = INCLUDE.matcher(text);
                if (include.matches()) {
                    read(resolveInclude(file, include.group(1).strip(), where), includeChain, requirements);
                    continue;
                }
                throw unsupportedOption(where, text.split("[\\s=]", 2)[0]);
            }
            Matcher option = PER_REQUIREMENT_OPTION.matcher(text);
            if (option.find() && !text.substring(0, option.start()).contains(";")) {
                throw unsupportedOption(where, option.group(1));
            }
            requirements.add(text);
        }
        includeChain.pop();
    }

    private static Path resolveInclude(Path includingFile, String target, String where) {
        if (target.contains("://")) {
            throw new RequirementsFileException(where + ": including a requirements file by URL is not supported; "
                    + "download it and pass -r with the local file");
        }
        return includingFile.getParent().resolve(target).toAbsolutePath().normalize();
    }

    private static RequirementsFileException unsupportedOption(String where, String option) {
        String why;
        switch (option) {
            case "-i":
            case "--index-url":
            case "--extra-index-url":
            case "--find-links":
            case "-f":
            case "--no-index":
                why = "the torchplan service chooses the indexes (its fleet policy names any mirror)";
                break;
            case "-e":
            case "--editable":
                why = "editable installs are not planned by the service; install them with pip after torchplan";
                break;
            case "-c":
            case "--constraint":
                why = "constraints files are not supported; write the constraint as a requirement";
                break;
            case "--hash":
                why = "the service pins wheels and their digests itself";
                break;
            default:
                why = "torchplan passes only requirements to the service";
                break;
        }
        return new RequirementsFileException(where + ": option '" + option + "' is not supported: " + why
                + ". Remove the line, or install without torchplan.");
    }

    private String expandVariables(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String value = environment.get(matcher.group(1));
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(value == null ? matcher.group() : value));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }

    /** Joins lines ending in a backslash; a logical line keeps the number of its first physical line. */
    static List<LogicalLine> joinContinuations(List<String> physicalLines) {
        List<LogicalLine> logical = new ArrayList<>();
        StringBuilder pending = null;
        int start = 0;
        for (int index = 0; index < physicalLines.size(); index++) {
            String line = physicalLines.get(index);
            if (pending == null) {
                pending = new StringBuilder();
                start = index + 1;
            }
            // as pip: a comment line ends a continuation, and the space keeps it a comment once joined
            boolean commentLine = COMMENT.matcher(line).lookingAt();
            if (line.endsWith("\\") && !commentLine) {
                pending.append(line, 0, line.length() - 1);
                continue;
            }
            pending.append(commentLine ? " " + line : line);
            logical.add(new LogicalLine(start, pending.toString()));
            pending = null;
        }
        if (pending != null) {
            logical.add(new LogicalLine(start, pending.toString()));
        }
        return logical;
    }

    record LogicalLine(int number, String text) {
    }
}
