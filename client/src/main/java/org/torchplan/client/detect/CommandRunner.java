package org.torchplan.client.detect;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs a probe command and captures its standard output. Injectable so probes are tested on recorded
 * outputs instead of the machine they happen to run on.
 */
@FunctionalInterface
public interface CommandRunner {

    /**
     * Runs {@code argv} (never through a shell) and waits at most {@code timeout}.
     *
     * @return the result, or empty when the program does not exist, cannot start or did not finish in time:
     *     for a probe a missing tool means "not found", never an error
     */
    Optional<CommandResult> run(List<String> argv, Duration timeout);

    /** What a finished probe command printed and how it exited. */
    record CommandResult(int exitCode, String standardOutput) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }
}
