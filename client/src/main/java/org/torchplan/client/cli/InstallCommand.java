package org.torchplan.client.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.torchplan.client.detect.HostSystem;
import org.torchplan.client.detect.InterpreterLocator;
import org.torchplan.client.http.Plan;
import org.torchplan.client.http.Rendering;
import org.torchplan.client.run.StepRunner;
import org.torchplan.client.run.StepValidator;
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
        String interpreter = planOptions.interpreter(context);
        Plan plan = Plan.parse(planOptions.askService(context, serviceOptions, interpreter, Rendering.JSON));
        // nothing runs unless every step is a plain install: a bad step 2 must not follow a good step 1
        StepValidator.validate(plan.steps());
        pip.notices().forEach(notice -> context.err().println("torchplan: " + notice));
        List<String> pipArguments = new ArrayList<>(pip.pipArguments());
        if (planOptions.preReleases()) {
            pipArguments.add("--pre");
        }
        for (String constraints : pip.constraintsFiles()) {
            pipArguments.addAll(List.of("--constraint", Path.of(constraints).toAbsolutePath().toString()));
        }
        StepRunner runner = new StepRunner(interpreter, pipArguments, context.out(), context.environment());
        PlanPrinter.print(plan, context.out(), runner::commandLine);
        if (dryRun) {
            context.out().println("Dry run: nothing was installed.");
            return ExitCodes.DONE;
        }
        context.out().println();
        int exitCode = runner.run(plan.steps());
        if (exitCode == ExitCodes.DONE) {
            context.out().println("torchplan: installed " + plan.packages().stream()
                    .map(pinned -> pinned.name() + " " + pinned.version())
                    .collect(Collectors.joining(", ")) + " into " + interpreter);
        }
        return exitCode;
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
