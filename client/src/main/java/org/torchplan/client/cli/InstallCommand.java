package org.torchplan.client.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.torchplan.client.detect.HostSystem;
import org.torchplan.client.detect.InterpreterLocator;
import org.torchplan.client.detect.ProcessCommandRunner;
import org.torchplan.client.http.Plan;
import org.torchplan.client.http.Rendering;
import org.torchplan.client.http.TerminalText;
import org.torchplan.client.run.HashCheckedSteps;
import org.torchplan.client.run.InstalledVersions;
import org.torchplan.client.run.PipInputFiles;
import org.torchplan.client.run.PlanOutline;
import org.torchplan.client.run.RequirementLine;
import org.torchplan.client.run.RequirementsInput;
import org.torchplan.client.run.Step;
import org.torchplan.client.run.StepRunner;
import org.torchplan.client.run.StepValidator;
import org.torchplan.client.run.TrustedIndexHosts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code torchplan install}: plan, then run each step with the chosen interpreter, stopping at the first failure. */
@Command(name = "install", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        customSynopsis = "torchplan install [OPTIONS] [PIP-INSTALL-OPTIONS] [-r FILE]... [REQUIREMENT]...",
        description = "Plan with the torchplan service, then run the plan's pip (or uv) commands with the chosen "
                + "interpreter. Exits with the exit code of the first step that fails.")
final class InstallCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    PlanOptions planOptions = new PlanOptions();

    @Mixin
    ServiceOptions serviceOptions = new ServiceOptions();

    @Mixin
    DebugOption debug = new DebugOption();

    @Option(names = "--dry-run", description = "print the plan and the commands without running them")
    boolean dryRun;

    @Option(names = "--system", description = "install into the python3 on PATH when no virtualenv is active")
    boolean system;

    @Spec
    CommandSpec spec;

    InstallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        checkTheEnvironmentIsChosen();
        PipOptionsOnTheCommandLine.Given pip = PipOptionsOnTheCommandLine.read(spec);
        RequirementsInput input = planOptions.readRequirements(context, pip.constraintsFiles());
        pip.notices().forEach(notice -> context.err().println("torchplan: " + notice));
        String interpreter = planOptions.interpreter(context);
        Plan plan = Plan.parse(planOptions.askService(context, serviceOptions, interpreter, input, Rendering.JSON));
        // nothing runs unless every step is a plain install: a bad step 2 must not follow a good step 1
        Map<String, List<String>> plannedHashes = plannedHashes(plan);
        List<String> indexes = StepValidator.validate(plan.steps(), outline(plan, input));
        TrustedIndexHosts.of(serviceOptions.server(context).host(), context.environment()).check(indexes);
        checkOneStepOptions(pip.singleStepOptions(), plan);
        noticesAboutPlannedPackages(input, plan, plannedHashes.keySet());
        List<String> pipArguments = new ArrayList<>(pip.pipArguments());
        pipArguments.addAll(input.pipArguments());
        if (planOptions.preReleases(input)) {
            pipArguments.add("--pre");
        }
        try (PipInputFiles files = new PipInputFiles()) {
            if (!input.constraints().isEmpty()) {
                // without hashes: pip would put every step in hash-checking mode, the PyTorch step too; the hashes
                // serve the steps that install those packages (HashCheckedSteps)
                pipArguments.addAll(List.of("--constraint", files.write("constraints.txt", input.constraints().stream()
                        .map(RequirementLine::text).toList()).toString()));
            }
            Plan runnable = plan.withSteps(HashCheckedSteps.apply(plan.steps(), input.hashesByName(), plannedHashes,
                    pipArguments.contains("--require-hashes"), files));
            StepRunner runner = new StepRunner(interpreter, pipArguments, context.out(), context.environment());
            PlanPrinter.print(runnable, context.out(), runner::commandLine);
            if (plan.steps().isEmpty()) {
                context.out().println("torchplan: the plan has no steps: nothing to install for these requirements "
                        + "on this machine (see Why).");
                return ExitCodes.NOTHING_TO_INSTALL;
            }
            if (dryRun) {
                PlanPrinter.printFiles(files.written(), context.out());
                context.out().println("Dry run: nothing was installed.");
                return ExitCodes.DONE;
            }
            context.out().println();
            int exitCode = runner.run(runnable.steps());
            if (exitCode == ExitCodes.DONE) {
                context.out().println(TerminalText.escape(installedLine(plan, interpreter)));
            }
            return exitCode;
        }
    }

    /**
     * What the interpreter reports installed after the steps, for the planned packages and the other projects the
     * steps installed: the versions there now, not those the plan named (a planned version not found, or another
     * one, is said so).
     */
    private String installedLine(Plan plan, String interpreter) {
        List<String> names = new ArrayList<>();
        for (int index = 0; index < plan.steps().size(); index++) {
            for (String requirement : StepValidator.arguments(plan.steps().get(index), index + 1).requirements()) {
                String name = RequirementLine.normalizedName(requirement);
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        Map<String, String> planned = new LinkedHashMap<>();
        plan.packages().forEach(pinned -> planned.put(RequirementLine.normalizedName(pinned.name()), pinned.version()));
        Optional<Map<String, Optional<String>>> installed =
                InstalledVersions.read(new ProcessCommandRunner(), interpreter, names);
        if (installed.isEmpty()) {
            return "torchplan: the steps succeeded, but " + interpreter + " could not be asked what is installed; "
                    + "check with: " + interpreter + " -m pip list";
        }
        List<String> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        installed.get().forEach((name, version) -> {
            String plannedVersion = planned.get(name);
            if (version.isEmpty()) {
                missing.add(name);
            } else if (plannedVersion != null && !plannedVersion.equalsIgnoreCase(version.get())) {
                found.add(name + " " + version.get() + " (the plan named " + plannedVersion + ")");
            } else {
                found.add(name + " " + version.get());
            }
        });
        String line = found.isEmpty() ? "torchplan: the steps succeeded"
                : "torchplan: " + interpreter + " now has " + String.join(", ", found);
        if (!missing.isEmpty()) {
            line += (found.isEmpty() ? ", but " : "; ") + interpreter + " does not see " + String.join(", ", missing)
                    + " (installed elsewhere, with --target, --prefix or --root?)";
        }
        return line;
    }

    /**
     * A later step restates the PyTorch pins of the first so pip keeps its wheels; with these options pip does not
     * see (or will not reuse) them and would look for the pinned builds on the later step's index, after the first
     * step already ran. Refused before anything runs.
     */
    private static void checkOneStepOptions(List<String> singleStepOptions, Plan plan) {
        if (singleStepOptions.isEmpty() || plan.steps().size() < 2) {
            return;
        }
        Step later = plan.steps().get(1);
        throw new UsageProblem(String.join(" and ", singleStepOptions) + " cannot be used with this plan of "
                + plan.steps().size() + " steps: step 2" + (later.description().isBlank() ? "" : " (" + later.description()
                + ")") + " relies on the PyTorch packages step 1 installs, and with " + String.join(" or ",
                singleStepOptions) + " pip would not reuse them and would look for " + plan.packages().stream()
                .map(pinned -> pinned.name() + " " + pinned.version()).collect(Collectors.joining(", "))
                + " on the index of step 2. Use " + singleStepOptions.get(0) + " with PyTorch packages only, or "
                + "install into a virtualenv.");
    }

    /** What the plan says it installs, and what was asked for: its steps are checked against it. */
    private static PlanOutline outline(Plan plan, RequirementsInput input) {
        Map<String, String> pinnedVersions = new LinkedHashMap<>();
        plan.packages().forEach(pinned -> pinnedVersions.put(RequirementLine.normalizedName(pinned.name()),
                pinned.version()));
        Map<String, String> environmentVersions = new LinkedHashMap<>();
        plan.environment().stream().filter(locked -> !"pytorch".equals(locked.index())).forEach(locked ->
                environmentVersions.put(RequirementLine.normalizedName(locked.name()), locked.version()));
        return new PlanOutline(plan.backend(), plan.channel(), pinnedVersions, input.requirements().stream()
                .map(RequirementLine::normalizedName).collect(Collectors.toSet()), environmentVersions);
    }

    /** The plan's hashes of each planned package, by normalized name (none when the plan gave none). */
    private static Map<String, List<String>> plannedHashes(Plan plan) {
        Map<String, List<String>> hashes = new LinkedHashMap<>();
        for (Plan.PlannedPackage pinned : plan.packages()) {
            hashes.put(RequirementLine.normalizedName(pinned.name()),
                    pinned.sha256().map(sha256 -> List.of("sha256:" + sha256)).orElse(List.of()));
        }
        return hashes;
    }

    /**
     * What the user wrote about a PyTorch package that the plan decides instead: its hashes (for another build) are
     * not used, and its constraints reach pip but not the planner.
     */
    private void noticesAboutPlannedPackages(RequirementsInput input, Plan plan, Set<String> planned) {
        for (RequirementLine line : input.requirements()) {
            if (!line.hashes().isEmpty() && planned.contains(line.normalizedName())) {
                context.err().println("torchplan: " + line.origin() + ": the --hash values of " + line.text()
                        + " are not used: the plan chooses its wheel" + TerminalText.escape(plannedVersion(plan, line)));
            }
        }
        for (RequirementLine line : input.constraints()) {
            if (planned.contains(line.normalizedName())) {
                // the service does not take constraints (yet): the planner cannot honour this one
                context.err().println("torchplan: " + line.origin() + ": the constraint " + line.text()
                        + " does not reach the planner, which plans" + TerminalText.escape(plannedVersion(plan, line))
                        + "; pip applies it and stops if the two disagree");
            }
        }
    }

    private static String plannedVersion(Plan plan, RequirementLine line) {
        return plan.packages().stream()
                .filter(pinned -> RequirementLine.normalizedName(pinned.name()).equals(line.normalizedName()))
                .map(pinned -> " " + pinned.name() + " " + pinned.version())
                .findFirst().orElse("");
    }

    /**
     * Installing into whatever {@code python3} comes first on PATH (a pyenv shim, the system's) is rarely meant: as
     * uv does, ask for a virtualenv, an interpreter, or {@code --system}.
     */
    private void checkTheEnvironmentIsChosen() {
        if (planOptions.python != null && system) {
            throw new UsageProblem("--python and --system are alternatives; pass one of them");
        }
        if (planOptions.python != null || system
                || InterpreterLocator.activeVirtualEnvironment(context.environment()).isPresent()) {
            return;
        }
        boolean windows = context.host() == HostSystem.WINDOWS;
        String format = "%n  %-40s %s";
        throw new UsageProblem("no virtualenv is active: say where to install, in one of three ways:"
                + String.format(format, "activate a virtualenv, then run again:", windows
                        ? "python -m venv .venv && .venv\\Scripts\\activate" : "python3 -m venv .venv && . .venv/bin/activate")
                + String.format(format, "name its interpreter:",
                        "torchplan install --python " + (windows ? ".venv\\Scripts\\python.exe" : ".venv/bin/python") + " ...")
                + String.format(format, "install into " + (windows ? "python" : "python3") + " on PATH:",
                        "torchplan install --system ..."));
    }
}
