package org.torchplan.client.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.torchplan.client.run.PipOption;
import org.torchplan.client.run.PipOption.Treatment;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds pip's install options (the {@link PipOption} table) to {@code torchplan install}, and reads back what was
 * given: the arguments for pip, the constraints files, the notices for options the plan replaces.
 */
final class PipOptionsOnTheCommandLine {

    private PipOptionsOnTheCommandLine() {
    }

    /**
     * What the pip options on a command line amount to.
     *
     * @param singleStepOptions the options given that suit one-step plans only ({@link PipOption#singleStep()})
     */
    record Given(List<String> pipArguments, List<String> constraintsFiles, List<String> notices,
                 List<String> singleStepOptions) {
        Given {
            pipArguments = List.copyOf(pipArguments);
            constraintsFiles = List.copyOf(constraintsFiles);
            notices = List.copyOf(notices);
            singleStepOptions = List.copyOf(singleStepOptions);
        }
    }

    /** Declares every pip option on {@code install}, in two help sections: passed on, and not passed on. */
    static void addTo(CommandSpec install) {
        ArgGroupSpec.Builder passed = ArgGroupSpec.builder().validate(false)
                .heading("%npip install options, passed to every install step (see docs/client.md):%n");
        ArgGroupSpec.Builder notPassed = ArgGroupSpec.builder().validate(false)
                .heading("%npip install options torchplan does not pass on:%n");
        for (PipOption option : PipOption.ALL) {
            boolean passedOn = option.treatment() == Treatment.PASSED_TO_PIP || option.treatment() == Treatment.CONSTRAINTS;
            OptionSpec.Builder spec = OptionSpec.builder(option.names().toArray(String[]::new));
            if (!passedOn) {
                spec.description(option.why());
            }
            if (option.takesValue()) {
                spec.type(String[].class).paramLabel(option.name().equals("--constraint") ? "FILE" : "VALUE");
            } else {
                // repeatable, as -vv
                spec.type(boolean[].class).arity("0");
            }
            (passedOn ? passed : notPassed).addArg(spec.build());
        }
        install.addArgGroup(passed.build());
        install.addArgGroup(notPassed.build());
        // room for --disable-pip-version-check and its kind on one line each
        install.usageMessage().longOptionsMaxWidth(30);
    }

    /** @throws UsageProblem for a pip option torchplan refuses, with the reason */
    static Given read(CommandSpec install) {
        List<String> pipArguments = new ArrayList<>();
        List<String> constraintsFiles = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        List<String> singleStepOptions = new ArrayList<>();
        for (PipOption option : PipOption.ALL) {
            OptionSpec spec = install.findOption(option.name());
            List<String> values = valuesOf(spec);
            if (values.isEmpty()) {
                continue;
            }
            if (option.singleStep()) {
                singleStepOptions.add(option.name());
            }
            switch (option.treatment()) {
                case PASSED_TO_PIP:
                    for (String value : values) {
                        pipArguments.add(option.name());
                        if (option.takesValue()) {
                            pipArguments.add(value);
                        }
                    }
                    break;
                case CONSTRAINTS:
                    constraintsFiles.addAll(values);
                    break;
                case REPLACED_BY_THE_PLAN:
                    values.forEach(value -> notices.add(option.explain(Optional.empty(), value)));
                    break;
                default:
                    throw new UsageProblem(option.explain(Optional.empty(), values.get(0)));
            }
        }
        return new Given(pipArguments, constraintsFiles, notices, singleStepOptions);
    }

    /** One element per time the option was given: its value, or "" for a flag. */
    private static List<String> valuesOf(OptionSpec spec) {
        Object value = spec.getValue();
        List<String> values = new ArrayList<>();
        if (value instanceof String[]) {
            values.addAll(List.of((String[]) value));
        } else if (value instanceof boolean[]) {
            for (boolean given : (boolean[]) value) {
                if (given) {
                    values.add("");
                }
            }
        }
        return values;
    }
}
