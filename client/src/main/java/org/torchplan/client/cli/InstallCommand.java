package org.torchplan.client.cli;

import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.torchplan.client.http.Plan;
import org.torchplan.client.http.Rendering;
import org.torchplan.client.run.StepRunner;
import org.torchplan.client.run.StepValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code torchplan install}: plan, then run each step with the chosen interpreter, stopping at the first failure. */
@Command(name = "install", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
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

    InstallCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String interpreter = planOptions.interpreter(context);
        Plan plan = Plan.parse(planOptions.askService(context, serviceOptions, interpreter, Rendering.JSON));
        // nothing runs unless every step is a plain install: a bad step 2 must not follow a good step 1
        StepValidator.validate(plan.steps());
        StepRunner runner = new StepRunner(interpreter, context.out(), context.environment());
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
}
