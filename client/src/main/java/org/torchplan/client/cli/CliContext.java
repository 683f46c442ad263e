package org.torchplan.client.cli;

import java.io.PrintStream;
import java.util.Map;
import org.torchplan.client.detect.HostSystem;
import org.torchplan.client.detect.MachineDetector;

/** What commands read from the outside world, passed in so tests run the CLI in-process with their own values. */
record CliContext(Map<String, String> environment, PrintStream out, PrintStream err, HostSystem host) {

    CliContext {
        environment = Map.copyOf(environment);
    }

    MachineDetector detector() {
        return MachineDetector.forThisMachine(environment);
    }
}
