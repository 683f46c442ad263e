package org.torchplan.client.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.torchplan.client.detect.InterpreterLocator;
import org.torchplan.client.detect.Machine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code torchplan detect}: what the client would tell the service about this machine. */
@Command(name = "detect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Show what torchplan detects: OS, architecture, glibc/macOS, the Python interpreter and GPUs, "
                + "each with where it came from.")
final class DetectCommand implements Callable<Integer> {

    private final CliContext context;

    @Option(names = "--json", description = "print the facts as JSON")
    boolean json;

    @Option(names = "--python", paramLabel = "PATH",
            description = "interpreter to inspect (default: the active virtualenv's, else python3)")
    String python;

    @Mixin
    DebugOption debug = new DebugOption();

    DetectCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String interpreter = InterpreterLocator.choose(Optional.ofNullable(python), context.environment(), context.host());
        Machine machine = context.detector().detect(interpreter);
        if (json) {
            context.out().print(MachinePrinter.toJson(machine));
        } else {
            MachinePrinter.printHuman(machine, context.out());
        }
        return ExitCodes.DONE;
    }
}
