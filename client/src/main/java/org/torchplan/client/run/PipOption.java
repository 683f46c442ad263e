package org.torchplan.client.run;

import java.util.List;
import java.util.Optional;

/**
 * One option of {@code pip install} and what torchplan does with it, on the command line and in requirements files
 * alike. The table is data: a pip option torchplan learns is one more row.
 *
 * <p>Source: {@code pip install --help} of pip 25 (install, package index and general options). torchplan's own
 * options that share a pip name keep torchplan's meaning and are not rows: {@code -r}, {@code --pre} (also the test
 * channel), {@code --dry-run} (prints the plan), {@code --python}, {@code --timeout} (the service's; pip reads
 * {@code PIP_TIMEOUT}), {@code --debug}, {@code -h}.
 *
 * @param names     the option's names, the long one last (as pip lists them)
 * @param takesValue whether a value follows ({@code --target DIR})
 * @param treatment what torchplan does with it
 * @param why       for options not passed on, the reason shown to the user
 * @param singleStep whether a later step cannot reuse what an earlier step installed with this option (pip does not
 *                   see packages installed with {@code --target}, {@code --prefix} or {@code --root}, and reinstalls
 *                   them with {@code --force-reinstall} or {@code --ignore-installed}), so it suits one-step plans only
 */
public record PipOption(List<String> names, boolean takesValue, Treatment treatment, String why, boolean singleStep) {

    /** What happens to a pip option given to torchplan. */
    public enum Treatment {
        /** Passed unchanged to every install step: it does not change where PyTorch packages come from. */
        PASSED_TO_PIP,
        /** Read by torchplan, then passed to every step as a file of its requirement lines. */
        CONSTRAINTS,
        /** Not used: the plan's indexes are (a fleet policy chooses them); said in a one-line notice. */
        REPLACED_BY_THE_PLAN,
        /** A usage error with the reason: it would install something other than the plan. */
        REFUSED
    }

    private static final String INDEXES = "the plan names the indexes (the fleet policy chooses them)";
    private static final String TARGET = "torchplan plans for the interpreter it installs into; choose it with --python";

    /** Every pip install option torchplan knows, in pip's help order. */
    public static final List<PipOption> ALL = List.of(
            passed("-c", "--constraint").constraints(),
            passed("--no-deps").flag(),
            refused("the plan installs wheels from an index, not a project in development: install it with pip "
                    + "after torchplan", "-e", "--editable"),
            passed("-t", "--target").singleStepOnly(),
            refused(TARGET, "--platform"),
            refused(TARGET, "--python-version"),
            refused(TARGET, "--implementation"),
            refused(TARGET, "--abi"),
            passed("--user").flag(),
            passed("--root").singleStepOnly(),
            passed("--prefix").singleStepOnly(),
            refused("editable installs are not planned", "--src"),
            passed("-U", "--upgrade").flag(),
            passed("--upgrade-strategy"),
            passed("--force-reinstall").flag().singleStepOnly(),
            passed("-I", "--ignore-installed").flag().singleStepOnly(),
            passed("--ignore-requires-python").flag(),
            passed("--no-build-isolation").flag(),
            passed("--use-pep517").flag(),
            passed("--check-build-dependencies").flag(),
            passed("--break-system-packages").flag(),
            passed("-C", "--config-settings"),
            passed("--compile").flag(),
            passed("--no-compile").flag(),
            passed("--no-warn-script-location").flag(),
            passed("--no-warn-conflicts").flag(),
            refused("the plan installs wheels; PyTorch packages are not built from source", "--no-binary"),
            passed("--only-binary"),
            passed("--prefer-binary").flag(),
            passed("--require-hashes").flag(),
            passed("--progress-bar"),
            passed("--root-user-action"),
            replaced("-i", "--index-url").value(),
            replaced("--extra-index-url").value(),
            replaced("--no-index"),
            replaced("-f", "--find-links").value(),
            // uv's names for the same
            replaced("--index").value(),
            replaced("--default-index").value(),
            passed("--isolated").flag(),
            passed("--require-virtualenv").flag(),
            passed("-v", "--verbose").flag(),
            passed("-q", "--quiet").flag(),
            passed("--log"),
            passed("--no-input").flag(),
            passed("--keyring-provider"),
            passed("--proxy"),
            passed("--retries"),
            passed("--exists-action"),
            replaced("--trusted-host").value(),
            passed("--cert"),
            passed("--client-cert"),
            passed("--cache-dir"),
            passed("--no-cache-dir").flag(),
            passed("--disable-pip-version-check").flag(),
            passed("--no-color").flag(),
            passed("--use-feature"),
            passed("--use-deprecated"));

    public PipOption {
        names = List.copyOf(names);
    }

    /** The option with this name ({@code -U}, {@code --upgrade}), if torchplan knows it. */
    public static Optional<PipOption> named(String name) {
        return ALL.stream().filter(option -> option.names().contains(name)).findFirst();
    }

    /** The long name, as shown in messages and passed to pip. */
    public String name() {
        return names.get(names.size() - 1);
    }

    /**
     * The notice or refusal for the option as given.
     *
     * @param where the file and line it was read from ({@code requirements.txt:3}), or empty on the command line
     * @param value its value, or "" for a flag
     */
    public String explain(Optional<String> where, String value) {
        return where.map(place -> place + ": ").orElse("") + name() + (value.isEmpty() ? "" : " " + value)
                + (treatment == Treatment.REFUSED ? " is not supported: " : " is not used: ") + why;
    }

    private static PipOption passed(String... names) {
        return new PipOption(List.of(names), true, Treatment.PASSED_TO_PIP, "", false);
    }

    private static PipOption replaced(String... names) {
        return new PipOption(List.of(names), false, Treatment.REPLACED_BY_THE_PLAN, INDEXES, false);
    }

    private static PipOption refused(String why, String... names) {
        return new PipOption(List.of(names), true, Treatment.REFUSED, why, false);
    }

    private PipOption flag() {
        return new PipOption(names, false, treatment, why, singleStep);
    }

    private PipOption value() {
        return new PipOption(names, true, treatment, why, singleStep);
    }

    private PipOption constraints() {
        return new PipOption(names, true, Treatment.CONSTRAINTS, why, singleStep);
    }

    private PipOption singleStepOnly() {
        return new PipOption(names, takesValue, treatment, why, true);
    }
}
