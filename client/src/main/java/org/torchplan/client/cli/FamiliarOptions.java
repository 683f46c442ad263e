package org.torchplan.client.cli;

import picocli.CommandLine.Option;

/**
 * The spellings users of light-the-torch and uv already type, each the same as a torchplan option; the table in
 * docs/client.md lists them. {@link PlanOptions} decides what they mean together.
 */
final class FamiliarOptions {

    @Option(names = "--torch-backend", paramLabel = "BACKEND", description = "uv's spelling of --backend")
    String torchBackend;

    @Option(names = "--pytorch-computation-backend", paramLabel = "BACKEND",
            description = "light-the-torch's spelling of --backend (one backend: the service plans for one)")
    String pytorchComputationBackend;

    @Option(names = "--cpuonly", description = "light-the-torch's spelling of --backend cpu")
    boolean cpuOnly;

    @Option(names = "--pytorch-channel", paramLabel = "CHANNEL", description = "light-the-torch's spelling of --channel")
    String pytorchChannel;

    @Option(names = "--pre", description = "allow pre-releases: the test channel unless a channel is named (as "
            + "light-the-torch does); install passes --pre on to pip for the other packages")
    boolean pre;
}
