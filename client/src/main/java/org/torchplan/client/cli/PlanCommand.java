package org.torchplan.client.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.torchplan.client.http.Plan;
import org.torchplan.client.http.Rendering;
import org.torchplan.client.http.TerminalText;
import org.torchplan.client.run.Step;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code torchplan plan}: ask the service and print its plan without installing anything. */
@Command(name = "plan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        customSynopsis = "torchplan plan [OPTIONS] [-r FILE]... [REQUIREMENT]...",
        description = "Ask the torchplan service which wheels and commands install the requirements on this machine, "
                + "and print the plan.")
final class PlanCommand implements Callable<Integer> {

    private final CliContext context;

    @Mixin
    PlanOptions planOptions = new PlanOptions();

    @Mixin
    ServiceOptions serviceOptions = new ServiceOptions();

    @Mixin
    DebugOption debug = new DebugOption();

    @Option(names = "--json", description = "print the service's JSON answer unchanged")
    boolean json;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "print the service's rendering instead: sh (a POSIX script) or requirements (requirements.txt)")
    String format;

    PlanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Rendering rendering = rendering();
        String answer = planOptions.askService(context, serviceOptions, planOptions.interpreter(context),
                planOptions.readRequirements(context, List.of()), rendering);
        if (rendering == Rendering.JSON && !json) {
            PlanPrinter.print(Plan.parse(answer), context.out(), Step::argv);
        } else {
            // printed as served, but for control characters: a rendering needs none but newline and tab
            String printable = TerminalText.escape(answer);
            context.out().print(printable.endsWith("\n") || printable.isEmpty() ? printable : printable + "\n");
        }
        context.out().flush();
        return ExitCodes.DONE;
    }

    private Rendering rendering() {
        if (format == null) {
            return Rendering.JSON;
        }
        if (json) {
            throw new UsageProblem("--json and --format are alternatives; pass one of them");
        }
        switch (format) {
            case "sh":
                return Rendering.SHELL_SCRIPT;
            case "requirements":
                return Rendering.REQUIREMENTS;
            default:
                throw new UsageProblem("--format must be sh or requirements, not '" + format + "'");
        }
    }
}
