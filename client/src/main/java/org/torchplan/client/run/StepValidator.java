package org.torchplan.client.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks every step before anything runs: the client executes what the service says, so a compromised or buggy
 * service must not be able to make it run another program, install from a local path or URL, or write outside
 * the interpreter's environment. Only {@code python -m pip install} and {@code uv pip install} with index options
 * and PEP 508 requirements (no direct references) pass.
 */
public final class StepValidator {

    static final List<String> PIP_INSTALL = List.of("python", "-m", "pip", "install");
    static final List<String> UV_PIP_INSTALL = List.of("uv", "pip", "install");

    /** Options the planner renders, and whether each takes a value. */
    private static final Map<String, OptionValue> ALLOWED_OPTIONS = Map.ofEntries(
            Map.entry("--index-url", OptionValue.URL),
            Map.entry("-i", OptionValue.URL),
            Map.entry("--extra-index-url", OptionValue.URL),
            Map.entry("--default-index", OptionValue.URL),
            Map.entry("--index", OptionValue.URL),
            Map.entry("--pre", OptionValue.NONE),
            Map.entry("--prerelease", OptionValue.WORD),
            Map.entry("--index-strategy", OptionValue.WORD),
            Map.entry("--only-binary", OptionValue.WORD),
            Map.entry("--prefer-binary", OptionValue.NONE),
            Map.entry("--require-hashes", OptionValue.NONE),
            Map.entry("--no-deps", OptionValue.NONE),
            Map.entry("--upgrade", OptionValue.NONE),
            Map.entry("-U", OptionValue.NONE),
            Map.entry("--force-reinstall", OptionValue.NONE),
            Map.entry("--no-cache-dir", OptionValue.NONE),
            Map.entry("--disable-pip-version-check", OptionValue.NONE),
            Map.entry("--python", OptionValue.INTERPRETER_PLACEHOLDER));

    private static final String SPECIFIER = "(?:===|==|!=|~=|<=|>=|<|>)\\s*[A-Za-z0-9.*+!_-]+";
    private static final String SPECIFIERS = SPECIFIER + "(?:\\s*,\\s*" + SPECIFIER + ")*";
    // name, extras, version specifiers (PEP 508 allows them in parentheses); a marker after ';' is data for pip,
    // never a path or URL
    private static final Pattern REQUIREMENT = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
                    + "(?:\\s*\\[\\s*[A-Za-z0-9._-]+(?:\\s*,\\s*[A-Za-z0-9._-]+)*\\s*])?"
                    + "\\s*(?:" + SPECIFIERS + "|\\(\\s*" + SPECIFIERS + "\\s*\\))?"
                    + "\\s*(?:;[^\\p{Cntrl}]*)?");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\\p{Cntrl}]+");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9:._,-]+");

    private enum OptionValue { NONE, URL, WORD, INTERPRETER_PLACEHOLDER }

    private StepValidator() {
    }

    /** @throws UnsafeStepException naming the first step and argument that is not allowed */
    public static void validate(List<Step> steps) {
        for (int index = 0; index < steps.size(); index++) {
            arguments(steps.get(index), index + 1);
        }
    }

    /**
     * A step's arguments after its install command ({@code python -m pip install}, {@code uv pip install}), split
     * into the options (each followed by its value, if it takes one) and the requirements.
     */
    public record Arguments(List<String> command, List<String> options, List<String> requirements) {
        public Arguments {
            command = List.copyOf(command);
            options = List.copyOf(options);
            requirements = List.copyOf(requirements);
        }
    }

    /**
     * @param number the step's number in the plan, for the message
     * @throws UnsafeStepException naming the step and the argument that is not allowed
     */
    public static Arguments arguments(Step step, int number) {
        List<String> argv = step.argv();
        if (argv.isEmpty()) {
            throw refuse(number, "it has no command");
        }
        boolean uv = "uv".equals(argv.get(0));
        List<String> prefix;
        if ("python".equals(argv.get(0))) {
            prefix = PIP_INSTALL;
        } else if (uv) {
            prefix = UV_PIP_INSTALL;
        } else {
            throw refuse(number, "it would run '" + argv.get(0) + "'; only python (pip) and uv are run");
        }
        if (argv.size() <= prefix.size() || !argv.subList(0, prefix.size()).equals(prefix)) {
            throw refuse(number, "it is not '" + String.join(" ", prefix) + " ...'");
        }
        List<String> options = new ArrayList<>();
        List<String> requirements = new ArrayList<>();
        for (int position = prefix.size(); position < argv.size(); position++) {
            String argument = argv.get(position);
            if (argument.startsWith("-")) {
                String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
                OptionValue kind = ALLOWED_OPTIONS.get(name);
                if (kind == null || (kind == OptionValue.INTERPRETER_PLACEHOLDER && !uv)) {
                    throw refuse(number, "option '" + name + "' is not one an install plan needs");
                }
                options.add(argument);
                if (kind == OptionValue.NONE) {
                    if (!name.equals(argument)) {
                        throw refuse(number, "option '" + name + "' takes no value");
                    }
                    continue;
                }
                String value;
                if (name.equals(argument)) {
                    position++;
                    if (position >= argv.size()) {
                        throw refuse(number, "option '" + name + "' has no value");
                    }
                    value = argv.get(position);
                    options.add(value);
                } else {
                    value = argument.substring(name.length() + 1);
                }
                checkValue(kind, name, value, number);
            } else if (REQUIREMENT.matcher(argument).matches()) {
                requirements.add(argument);
            } else {
                throw refuse(number, "'" + argument + "' is not a requirement by name (paths and URLs are not run)");
            }
        }
        if (requirements.isEmpty()) {
            throw refuse(number, "it installs nothing");
        }
        return new Arguments(prefix, options, requirements);
    }

    private static void checkValue(OptionValue kind, String option, String value, int number) {
        boolean valid;
        switch (kind) {
            case URL:
                valid = URL.matcher(value).matches();
                break;
            case WORD:
                valid = WORD.matcher(value).matches();
                break;
            default:
                // the service cannot know the interpreter's path: only the placeholder the client substitutes
                valid = "python".equals(value);
                break;
        }
        if (!valid) {
            throw refuse(number, "option '" + option + "' has the unexpected value '" + value + "'");
        }
    }

    private static UnsafeStepException refuse(int number, String reason) {
        return new UnsafeStepException("refusing to run step " + number + " of the plan: " + reason
                + ". The service returned a command the client does not run; tell the service's operator.");
    }
}
