package org.torchplan.client.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import org.torchplan.client.detect.HostSystem;
import org.torchplan.client.http.Plan;
import org.torchplan.client.http.ServiceRefusedException;
import org.torchplan.client.http.ServiceUnreachableException;
import org.torchplan.client.http.TerminalText;
import org.torchplan.client.run.UnsafeStepException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Entry point of the torchplan command line. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = run(args, System.getenv(), System.out, System.err);
        System.out.flush();
        System.exit(exitCode);
    }

    /** Runs one command line with the given environment and streams; returns the exit code. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        CliContext context = new CliContext(environment, out, err, HostSystem.current());
        CommandLine commandLine = new CommandLine(new TorchplanCommand())
                .addSubcommand("detect", new DetectCommand(context))
                .addSubcommand("plan", new PlanCommand(context))
                .addSubcommand("install", new InstallCommand(context))
                .addSubcommand("help", new CommandLine.HelpCommand());
        PipOptionsOnTheCommandLine.addTo(commandLine.getSubcommands().get("install").getCommandSpec());
        // "@file" argument expansion would read arbitrary files into the requirement list; -r is the way to do that
        commandLine.setExpandAtFiles(false);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler(Main::usageError);
        commandLine.setExecutionExceptionHandler((failure, failedCommand, parseResult) ->
                reportFailure(failure, err, debugRequested(parseResult)));
        return commandLine.execute(args);
    }

    private static int usageError(CommandLine.ParameterException problem, String[] args) {
        CommandLine failedCommand = problem.getCommandLine();
        PrintWriter err = failedCommand.getErr();
        err.println("torchplan: " + problem.getMessage());
        err.println("See '" + failedCommand.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return ExitCodes.USAGE;
    }

    static int reportFailure(Exception failure, PrintStream err, boolean debug) {
        int exitCode;
        if (failure instanceof UsageProblem) {
            exitCode = ExitCodes.USAGE;
        } else if (failure instanceof ServiceUnreachableException) {
            exitCode = ExitCodes.SERVICE_UNREACHABLE;
        } else if (failure instanceof ServiceRefusedException) {
            exitCode = ExitCodes.SERVICE_REFUSED;
        } else if (failure instanceof Plan.MalformedPlanException || failure instanceof UnsafeStepException) {
            exitCode = ExitCodes.SERVICE_UNREACHABLE;
        } else {
            err.println("torchplan: unexpected error: " + TerminalText.escape(String.valueOf(failure))
                    + (debug ? "" : " (run again with --debug for details)"));
            if (debug) {
                failure.printStackTrace(err);
            }
            return 1;
        }
        String message = failure.getMessage();
        if (failure instanceof ServiceRefusedException) {
            message = "the torchplan service refused the request: " + message;
        } else if (failure instanceof Plan.MalformedPlanException) {
            message = "the torchplan service answered with something that is not a plan: " + message
                    + ". Is TORCHPLAN_URL the torchplan service?";
        }
        // messages quote what the service sent: its control characters must not reach the terminal
        err.println("torchplan: " + TerminalText.escape(message));
        if (debug) {
            failure.printStackTrace(err);
        }
        err.flush();
        return exitCode;
    }

    private static boolean debugRequested(ParseResult parseResult) {
        for (ParseResult current = parseResult; current != null; current = current.subcommand()) {
            if (current.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
