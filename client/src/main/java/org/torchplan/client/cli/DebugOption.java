package org.torchplan.client.cli;

import picocli.CommandLine.Option;

/** {@code --debug}: errors come with their stack trace. */
final class DebugOption {
    @Option(names = "--debug", description = "print stack traces with errors")
    boolean debug;
}
