package org.torchplan.client.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the requirement arguments and requirements files of one command line ask for: the requirements and
 * constraints (each with where it was written), the pip options the files carry, and the notices to show.
 */
public final class RequirementsInput {

    private static final Pattern REQUIREMENT_FIELD = Pattern.compile("requirements\\[(\\d{1,9})]");

    private final List<RequirementLine> requirements = new ArrayList<>();
    private final List<RequirementLine> constraints = new ArrayList<>();
    private final List<String> pipArguments = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private boolean preReleases;

    /** A requirement given on the command line; {@code number} counts them from 1. */
    public void addArgument(String requirement, int number) {
        String origin = "argument " + number;
        RequirementsFileReader.checkIsByName(requirement, origin);
        requirements.add(new RequirementLine(requirement, origin, List.of()));
    }

    void addRequirement(RequirementLine line) {
        requirements.add(line);
    }

    void addConstraint(RequirementLine line) {
        constraints.add(line);
    }

    void addPipArguments(List<String> arguments) {
        pipArguments.addAll(arguments);
    }

    void addNotice(String notice) {
        notices.add(notice);
    }

    void allowPreReleases() {
        preReleases = true;
    }

    /** The requirements in the order given: arguments and files as they came on the command line. */
    public List<RequirementLine> requirements() {
        return List.copyOf(requirements);
    }

    /** The requirement texts, as the service takes them. */
    public List<String> requirementTexts() {
        return requirements.stream().map(RequirementLine::text).toList();
    }

    /** Constraints from {@code -c} files, for pip. */
    public List<RequirementLine> constraints() {
        return List.copyOf(constraints);
    }

    /** Pip options written in requirements files that pip would apply to the whole install. */
    public List<String> pipArguments() {
        return List.copyOf(pipArguments);
    }

    /** What was read but not used as written (an index line the plan replaces), each naming file and line. */
    public List<String> notices() {
        return List.copyOf(notices);
    }

    /** Whether a file says {@code --pre}. */
    public boolean preReleases() {
        return preReleases;
    }

    /** The {@code --hash} values given per project (normalized name), from requirements and constraints. */
    public Map<String, List<String>> hashesByName() {
        Map<String, List<String>> hashes = new LinkedHashMap<>();
        for (List<RequirementLine> lines : List.of(requirements, constraints)) {
            for (RequirementLine line : lines) {
                if (!line.hashes().isEmpty()) {
                    List<String> known = hashes.computeIfAbsent(line.normalizedName(), name -> new ArrayList<>());
                    line.hashes().stream().filter(hash -> !known.contains(hash)).forEach(known::add);
                }
            }
        }
        return hashes;
    }

    /**
     * Names a field of the service's answer as the user knows it: {@code requirements[3]} becomes the file and line
     * (or argument) the fourth requirement came from; other fields stay as they are.
     */
    public String label(String field) {
        Matcher matcher = REQUIREMENT_FIELD.matcher(field);
        if (!matcher.matches()) {
            return field;
        }
        return Optional.of(Integer.parseInt(matcher.group(1)))
                .filter(index -> index < requirements.size())
                .map(index -> requirements.get(index).origin())
                .orElse(field);
    }
}
