package org.torchplan.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code torchplan} command: only a home for the subcommands. */
@Command(name = "torchplan", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Install PyTorch with the wheels the fleet's torchplan service plans for this machine.",
        footer = {"", "Exit codes: 0 done, 2 usage error, 3 service unreachable or failing, 4 service refused the "
                + "request, otherwise the exit code of the install step that failed."})
final class TorchplanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: detect, plan, install or help");
    }
}
