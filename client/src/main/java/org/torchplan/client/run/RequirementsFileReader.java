package org.torchplan.client.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads requirements and constraints files the way pip does: a UTF-8 byte-order mark is skipped, lines ending in a
 * backslash continue, {@code #} starts a comment at the line start or after whitespace, {@code ${VAR}} expands from
 * the environment, {@code -r} includes requirements and {@code -c} constraints relative to the including file, and a
 * requirement's options ({@code --hash}) start at its first word beginning with {@code -}.
 *
 * <p>Option lines follow the {@link PipOption} table: pip options are kept for the install steps, index options
 * become a notice naming the file and line (the plan's indexes are used), refused ones fail naming file, line and
 * reason. Editables, local paths and URLs fail the same way: the service plans from indexes only.
 */
public final class RequirementsFileReader {

    private static final Pattern COMMENT = Pattern.compile("(^|\\s+)#.*$");
    // pip expands only upper-case POSIX names, written with braces
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    private static final Pattern URL_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://|file:");
    private static final Pattern ARCHIVE = Pattern.compile("\\.(whl|zip|tar|tar\\.gz|tgz|tar\\.bz2|tbz|tar\\.xz|txz)$",
            Pattern.CASE_INSENSITIVE);
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final Path WORKING_DIRECTORY = Path.of("").toAbsolutePath();

    /** What an included file holds. */
    public enum Kind {
        /** {@code -r}: requirements to install. */
        REQUIREMENTS,
        /** {@code -c}: constraints on versions, installing nothing themselves. */
        CONSTRAINTS
    }

    private final Map<String, String> environment;

    public RequirementsFileReader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /**
     * Reads a file given on the command line, and every file it includes, into {@code input}.
     *
     * @throws RequirementsFileException naming the file and line of anything torchplan cannot honour
     */
    public void read(Path file, Kind kind, RequirementsInput input) {
        read(file.toAbsolutePath().normalize(), kind, input, new ArrayDeque<>());
    }

    private void read(Path file, Kind kind, RequirementsInput input, Deque<Path> includeChain) {
        if (includeChain.contains(file)) {
            throw new RequirementsFileException(display(file) + " includes itself (through "
                    + display(includeChain.peek()) + ")");
        }
        List<String> physicalLines = lines(file, includeChain);
        includeChain.push(file);
        for (LogicalLine line : joinContinuations(physicalLines)) {
            String text = expandVariables(COMMENT.matcher(line.text()).replaceFirst("")).strip();
            if (text.isEmpty()) {
                continue;
            }
            String where = display(file) + ":" + line.number();
            if (text.startsWith("-")) {
                option(file, where, text, input, includeChain);
            } else {
                RequirementLine requirement = requirement(where, text);
                if (kind == Kind.REQUIREMENTS) {
                    input.addRequirement(requirement);
                } else {
                    input.addConstraint(requirement);
                }
            }
        }
        includeChain.pop();
    }

    /** An option line: an include, {@code --pre}, or a row of the {@link PipOption} table. */
    private void option(Path file, String where, String text, RequirementsInput input, Deque<Path> includeChain) {
        OptionLine option = OptionLine.parse(text);
        switch (option.name()) {
            case "-r", "--requirement" -> read(include(file, option.value(), where), Kind.REQUIREMENTS, input,
                    includeChain);
            case "-c", "--constraint" -> read(include(file, option.value(), where), Kind.CONSTRAINTS, input,
                    includeChain);
            case "--pre" -> input.allowPreReleases();
            default -> {
                PipOption known = PipOption.named(option.name()).orElseThrow(() -> new RequirementsFileException(where
                        + ": option '" + option.name() + "' is not one torchplan knows in a requirements file; "
                        + "remove the line, or see docs/client.md for the options torchplan takes"));
                switch (known.treatment()) {
                    case PASSED_TO_PIP -> {
                        if (known.takesValue() && option.value().isEmpty()) {
                            throw new RequirementsFileException(where + ": " + known.name() + " needs a value");
                        }
                        input.addPipArguments(known.takesValue() ? List.of(known.name(), option.value())
                                : List.of(known.name()));
                    }
                    case REPLACED_BY_THE_PLAN -> input.addNotice(known.explain(Optional.of(where), option.value()));
                    default -> throw new RequirementsFileException(known.explain(Optional.of(where), option.value()));
                }
            }
        }
    }

    /** A requirement line: the requirement, then its options (pip: from the first word starting with "-"). */
    private static RequirementLine requirement(String where, String text) {
        List<String> words = List.of(text.split(" "));
        int firstOption = 0;
        while (firstOption < words.size() && !words.get(firstOption).startsWith("-")) {
            firstOption++;
        }
        String requirement = String.join(" ", words.subList(0, firstOption)).strip();
        checkIsByName(requirement, where);
        List<String> hashes = new ArrayList<>();
        List<String> options = words.subList(firstOption, words.size()).stream().filter(word -> !word.isBlank()).toList();
        for (int index = 0; index < options.size(); index++) {
            String word = options.get(index);
            if (word.startsWith("--hash=")) {
                hashes.add(word.substring("--hash=".length()));
            } else if (word.equals("--hash") && index + 1 < options.size()) {
                hashes.add(options.get(++index));
            } else {
                throw new RequirementsFileException(where + ": option '" + word.split("=", 2)[0] + "' after a "
                        + "requirement is not supported: of a requirement's options torchplan keeps --hash only");
            }
        }
        return new RequirementLine(requirement, where, hashes);
    }

    /**
     * Refuses what the service cannot plan from an index: an editable, a local path or archive, a URL. A direct
     * reference ({@code name @ url}) is left to the service, which says why it cannot plan it.
     *
     * @param where the file and line, or the argument, for the message
     */
    public static void checkIsByName(String requirement, String where) {
        String beforeMarker = requirement.split(";", 2)[0].strip();
        if (beforeMarker.contains("@")) {
            return;
        }
        String what;
        if (URL_SCHEME.matcher(beforeMarker).lookingAt()) {
            what = "a URL";
        } else if (beforeMarker.startsWith(".") || beforeMarker.startsWith("~") || beforeMarker.contains("/")
                || beforeMarker.contains("\\") || ARCHIVE.matcher(beforeMarker).find()) {
            what = "a local path";
        } else {
            return;
        }
        throw new RequirementsFileException(where + ": '" + requirement + "' is " + what + ": the plan installs "
                + "packages by name from indexes; install it with pip after torchplan");
    }

    private static Path include(Path includingFile, String target, String where) {
        if (target.isEmpty()) {
            throw new RequirementsFileException(where + ": the option names no file");
        }
        if (target.contains("://")) {
            throw new RequirementsFileException(where + ": including a file by URL is not supported; download it "
                    + "and name the local file");
        }
        return includingFile.getParent().resolve(target).toAbsolutePath().normalize();
    }

    /** The file's lines, decoded as UTF-8 with a byte-order mark skipped (pip's encoding for files without one). */
    private static List<String> lines(Path file, Deque<Path> includeChain) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            throw new RequirementsFileException("cannot read " + display(file) + ": no such file"
                    + (includeChain.isEmpty() ? "" : " (included from " + display(includeChain.peek()) + ")"));
        } catch (IOException | RuntimeException unreadable) {
            throw new RequirementsFileException("cannot read " + display(file) + ": " + unreadable.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new RequirementsFileException("cannot read " + display(file) + ": it is not UTF-8 text; save it as "
                    + "UTF-8");
        }
        if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
            text = text.substring(1);
        }
        return List.of(text.split("\\R", -1));
    }

    /** A file as the user would name it: relative to the working directory when inside it. */
    private static String display(Path file) {
        return file.startsWith(WORKING_DIRECTORY) ? WORKING_DIRECTORY.relativize(file).toString() : file.toString();
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

    /**
     * An option line split as pip's option parser does: {@code --name=value}, {@code --name value}, {@code -x value}
     * and {@code -xvalue}.
     */
    record OptionLine(String name, String value) {
        static OptionLine parse(String text) {
            if (text.startsWith("--")) {
                int end = 2;
                while (end < text.length() && text.charAt(end) != '=' && !Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                String rest = text.substring(end);
                return new OptionLine(text.substring(0, end), (rest.startsWith("=") ? rest.substring(1) : rest).strip());
            }
            String rest = text.length() > 2 ? text.substring(2).strip() : "";
            return new OptionLine(text.substring(0, Math.min(2, text.length())),
                    rest.startsWith("=") ? rest.substring(1).strip() : rest);
        }
    }
}
