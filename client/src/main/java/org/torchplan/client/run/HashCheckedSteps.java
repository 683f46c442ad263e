package org.torchplan.client.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a step in pip's hash-checking mode when it needs it: with {@code --require-hashes}, or when a requirement it
 * installs was given with {@code --hash}. A command line cannot carry hashes, so such a step reads its requirements
 * from a file torchplan writes: each with the user's hashes, or for a planned PyTorch wheel the plan's sha256.
 *
 * <p>pip trusts what is already installed without a hash, so the PyTorch pins a later step restates are satisfied
 * by the first step's wheels; but every file a hash-checked step downloads needs a hash, dependencies included.
 */
public final class HashCheckedSteps {

    private HashCheckedSteps() {
    }

    /**
     * @param steps          the plan's validated steps
     * @param userHashes     the {@code --hash} values the user gave, by normalized project name
     * @param plannedHashes  the plan's hashes ({@code sha256:...}, none when it gave none) per planned package by
     *                       normalized name; the user's hashes for these are not used (they are for another build)
     * @param requireHashes  whether {@code --require-hashes} was given: every step is hash-checked
     * @return the steps, those hash-checked reading their requirements from a file
     */
    public static List<Step> apply(List<Step> steps, Map<String, List<String>> userHashes,
                                   Map<String, List<String>> plannedHashes, boolean requireHashes, PipInputFiles files) {
        Set<String> planned = plannedHashes.keySet();
        List<Step> result = new ArrayList<>(steps.size());
        for (int index = 0; index < steps.size(); index++) {
            Step step = steps.get(index);
            StepValidator.Arguments arguments = StepValidator.arguments(step, index + 1);
            boolean checked = requireHashes || arguments.requirements().stream()
                    .map(RequirementLine::normalizedName)
                    .anyMatch(name -> !planned.contains(name) && userHashes.containsKey(name));
            if (!checked) {
                result.add(step);
                continue;
            }
            List<String> lines = new ArrayList<>();
            for (String requirement : arguments.requirements()) {
                String name = RequirementLine.normalizedName(requirement);
                List<String> hashes = planned.contains(name)
                        ? plannedHashes.get(name) : userHashes.getOrDefault(name, List.of());
                lines.add(new RequirementLine(requirement, "", hashes).asFileLine());
            }
            Path file = files.write("step-" + (index + 1) + "-requirements.txt", lines);
            List<String> argv = new ArrayList<>(arguments.command());
            argv.addAll(arguments.options());
            argv.addAll(List.of("-r", file.toString()));
            result.add(new Step(step.description(), argv));
        }
        return result;
    }
}
