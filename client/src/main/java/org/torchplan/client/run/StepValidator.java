package org.torchplan.client.run;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks every step before anything runs: the client executes what the service says, so a compromised or buggy
 * service must not be able to make it run another program, install from a local path, a URL or another index, or
 * write outside the interpreter's environment. Only {@code python -m pip install} and {@code uv pip install} with
 * the plan's own indexes and PEP 508 requirements by name pass: the planned PyTorch packages at their planned
 * versions from the index of the plan's backend and channel, and the requirements that were asked for from one
 * other index (PyPI or the policy's mirror).
 */
public final class StepValidator {

    static final List<String> PIP_INSTALL = List.of("python", "-m", "pip", "install");
    static final List<String> UV_PIP_INSTALL = List.of("uv", "pip", "install");

    /** Options the planner renders, and whether each takes a value. */
    private static final Map<String, OptionValue> ALLOWED_OPTIONS = Map.ofEntries(
            Map.entry("--index-url", OptionValue.INDEX),
            Map.entry("-i", OptionValue.INDEX),
            Map.entry("--default-index", OptionValue.INDEX),
            Map.entry("--extra-index-url", OptionValue.EXTRA_INDEX),
            Map.entry("--index", OptionValue.EXTRA_INDEX),
            Map.entry("--find-links", OptionValue.EXTRA_INDEX),
            Map.entry("-f", OptionValue.EXTRA_INDEX),
            Map.entry("--pre", OptionValue.NONE),
            Map.entry("--prerelease", OptionValue.WORD),
            Map.entry("--only-binary", OptionValue.WORD),
            Map.entry("--prefer-binary", OptionValue.NONE),
            Map.entry("--require-hashes", OptionValue.NONE),
            Map.entry("--no-deps", OptionValue.NONE),
            Map.entry("--no-cache-dir", OptionValue.NONE),
            Map.entry("--disable-pip-version-check", OptionValue.NONE),
            Map.entry("--python", OptionValue.INTERPRETER_PLACEHOLDER));

    /** Options a plan never needs that change what gets installed from where, each with why it is refused. */
    private static final Map<String, String> REFUSED_OPTIONS = Map.of(
            "--index-strategy", "uv's --index-strategy would let another index's versions win over the plan's index",
            "--upgrade", "upgrading is the user's choice (a pip option on the command line), not the plan's",
            "-U", "upgrading is the user's choice (a pip option on the command line), not the plan's",
            "--force-reinstall", "reinstalling is the user's choice (a pip option on the command line), not the plan's");

    /** A planned pin: name, extras, {@code ==} and the version, without a marker. */
    private static final Pattern PIN = Pattern.compile(
            "\\s*[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?\\s*(?:\\[[^\\]]*])?\\s*==\\s*([A-Za-z0-9.+!_-]+)\\s*");

    private static final String SPECIFIER = "(?:===|==|!=|~=|<=|>=|<|>)\\s*[A-Za-z0-9.*+!_-]+";
    private static final String SPECIFIERS = SPECIFIER + "(?:\\s*,\\s*" + SPECIFIER + ")*";
    // name, extras, version specifiers (PEP 508 allows them in parentheses); a marker after ';' is data for pip,
    // never a path or URL
    private static final Pattern REQUIREMENT = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?"
                    + "(?:\\s*\\[\\s*[A-Za-z0-9._-]+(?:\\s*,\\s*[A-Za-z0-9._-]+)*\\s*])?"
                    + "\\s*(?:" + SPECIFIERS + "|\\(\\s*" + SPECIFIERS + "\\s*\\))?"
                    + "\\s*(?:;[^\\p{Cntrl}]*)?");
    /** What pip takes for a local archive, not a name: {@code evil-1.0-py3-none-any.whl}, {@code x.tar.gz}. */
    private static final Pattern ARCHIVE = Pattern.compile(
            "(?i)\\s*[^\\s;\\[(<>=!~]*\\.(?:whl|zip|tar|tar\\.gz|tgz|tar\\.bz2|tbz|tar\\.xz|txz|tar\\.lz|tlz)(?:\\s.*|[;\\[(<>=!~].*)?");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\\p{Cntrl}]+");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9:._,-]+");

    private enum OptionValue { NONE, INDEX, EXTRA_INDEX, WORD, INTERPRETER_PLACEHOLDER }

    private StepValidator() {
    }

    /**
     * Checks every step, then the steps against the plan: the first step installs the planned PyTorch packages
     * (when there are any) from the index of the plan's backend and channel; the others read one other index and
     * install the requirements asked for, restating the pins; an extra index, if any, is one of these two.
     *
     * @return the indexes the steps read (the PyTorch step's first), for a check of their hosts
     * @throws UnsafeStepException naming the first step and argument that is not allowed
     */
    public static List<String> validate(List<Step> steps, PlanOutline plan) {
        List<Parsed> parsed = new ArrayList<>(steps.size());
        for (int index = 0; index < steps.size(); index++) {
            parsed.add(parse(steps.get(index), index + 1));
        }
        boolean pytorchStep = !plan.pinnedVersions().isEmpty();
        String pytorchIndex = null;
        String otherIndex = null;
        for (int index = 0; index < parsed.size(); index++) {
            String stepIndex = theIndex(parsed.get(index), index + 1);
            if (index == 0 && pytorchStep) {
                checkPytorchIndex(stepIndex, plan, index + 1);
                pytorchIndex = stepIndex;
            } else if (otherIndex == null) {
                otherIndex = stepIndex;
            } else if (!otherIndex.equals(stepIndex)) {
                throw refuse(index + 1, "it reads the index " + stepIndex + ", where the plan's other step reads "
                        + otherIndex);
            }
        }
        if (pytorchStep && steps.isEmpty()) {
            throw new UnsafeStepException("refusing the plan: it pins " + String.join(", ",
                    plan.pinnedVersions().keySet()) + " but has no step that installs them. Tell the service's "
                    + "operator.");
        }
        List<String> planIndexes = new ArrayList<>();
        if (pytorchIndex != null) {
            planIndexes.add(pytorchIndex);
        }
        if (otherIndex != null) {
            planIndexes.add(otherIndex);
        }
        for (int index = 0; index < parsed.size(); index++) {
            Parsed step = parsed.get(index);
            for (IndexOption extra : step.extraIndexes()) {
                if (!planIndexes.contains(withoutTrailingSlash(extra.url()))) {
                    throw refuse(index + 1, extra.option() + " " + extra.url() + " is not one of the plan's indexes ("
                            + String.join(", ", planIndexes) + ")");
                }
            }
            checkRequirements(step.arguments().requirements(), plan, index == 0 && pytorchStep, index + 1);
        }
        return List.copyOf(planIndexes);
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

    /** An index option of a step and its URL. */
    private record IndexOption(String option, String url) {
    }

    /** A step's arguments and its index options, primary (the step's index) and extra. */
    private record Parsed(Arguments arguments, List<IndexOption> indexes, List<IndexOption> extraIndexes) {
    }

    /**
     * @param number the step's number in the plan, for the message
     * @throws UnsafeStepException naming the step and the argument that is not allowed
     */
    public static Arguments arguments(Step step, int number) {
        return parse(step, number).arguments();
    }

    private static Parsed parse(Step step, int number) {
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
        List<IndexOption> indexes = new ArrayList<>();
        List<IndexOption> extraIndexes = new ArrayList<>();
        for (int position = prefix.size(); position < argv.size(); position++) {
            String argument = argv.get(position);
            if (argument.startsWith("-")) {
                String name = argument.contains("=") ? argument.substring(0, argument.indexOf('=')) : argument;
                if (REFUSED_OPTIONS.containsKey(name)) {
                    throw refuse(number, "option '" + name + "': " + REFUSED_OPTIONS.get(name));
                }
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
                if (kind == OptionValue.INDEX) {
                    indexes.add(new IndexOption(name, value));
                } else if (kind == OptionValue.EXTRA_INDEX) {
                    extraIndexes.add(new IndexOption(name, value));
                }
            } else if (ARCHIVE.matcher(argument).matches()) {
                throw refuse(number, "'" + argument + "' is not a requirement by name: pip reads it as a local "
                        + "archive file");
            } else if (REQUIREMENT.matcher(argument).matches()) {
                requirements.add(argument);
            } else {
                throw refuse(number, "'" + argument + "' is not a requirement by name (paths and URLs are not run)");
            }
        }
        if (requirements.isEmpty()) {
            throw refuse(number, "it installs nothing");
        }
        return new Parsed(new Arguments(prefix, options, requirements), indexes, extraIndexes);
    }

    /** The one index a step names: without one, pip would read whatever index its configuration names. */
    private static String theIndex(Parsed step, int number) {
        if (step.indexes().size() != 1) {
            throw refuse(number, step.indexes().isEmpty() ? "it names no index (--index-url)"
                    : "it names " + step.indexes().size() + " indexes; a step reads one");
        }
        return withoutTrailingSlash(step.indexes().get(0).url());
    }

    private static void checkPytorchIndex(String url, PlanOutline plan, int number) {
        String path = plan.backend().isBlank() ? null : plan.pytorchIndexPath();
        if (path == null) {
            throw refuse(number, "it installs PyTorch packages, but the plan names no backend and known channel "
                    + "(backend '" + plan.backend() + "', channel '" + plan.channel() + "')");
        }
        String urlPath;
        try {
            urlPath = new URI(url).getPath();
        } catch (URISyntaxException notUri) {
            urlPath = null;
        }
        String indexPath = urlPath == null ? "" : withoutTrailingSlash(urlPath);
        // a stable index is not a test or nightly one: .../nightly/cu126 also ends in /cu126
        boolean otherChannel = !path.contains("/") && (indexPath.endsWith("/test/" + path)
                || indexPath.endsWith("/nightly/" + path));
        if (!indexPath.endsWith("/" + path) || otherChannel) {
            throw refuse(number, "its index " + url + " is not the " + plan.channel() + " index of backend "
                    + plan.backend() + " (a URL ending in /" + path + ")");
        }
    }

    /**
     * The PyTorch step installs the pins and nothing else; another step installs what was asked for, and pins only
     * at the planned versions. Nothing else: no package the user did not name (pip itself, say).
     */
    private static void checkRequirements(List<String> requirements, PlanOutline plan, boolean pytorchStep,
                                          int number) {
        for (String requirement : requirements) {
            String name = RequirementLine.normalizedName(requirement);
            String planned = plan.pinnedVersions().get(name);
            if (planned != null) {
                Matcher pin = PIN.matcher(requirement);
                if (!pin.matches() || !pin.group(1).equalsIgnoreCase(planned)) {
                    throw refuse(number, "'" + requirement + "' is not the planned " + name + "==" + planned);
                }
            } else if (pytorchStep) {
                throw refuse(number, "it reads the PyTorch index but installs '" + requirement
                        + "', which is not a planned PyTorch package");
            } else if (!plan.requestedNames().contains(name)) {
                String resolved = "pip".equals(name) ? null : plan.environmentVersions().get(name);
                Matcher pin = PIN.matcher(requirement);
                if (resolved == null || !pin.matches() || !pin.group(1).equalsIgnoreCase(resolved)) {
                    throw refuse(number, "it installs '" + requirement + "', which was not asked for"
                            + (resolved != null ? " (the plan's environment has " + name + "==" + resolved + ")"
                                    : "pip".equals(name) ? " (it would replace pip itself)" : ""));
                }
            }
        }
    }

    private static void checkValue(OptionValue kind, String option, String value, int number) {
        boolean valid;
        switch (kind) {
            case INDEX:
            case EXTRA_INDEX:
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

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static UnsafeStepException refuse(int number, String reason) {
        return new UnsafeStepException("refusing to run step " + number + " of the plan: " + reason
                + ". The service returned a command the client does not run; tell the service's operator.");
    }
}
