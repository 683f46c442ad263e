package org.torchplan.client.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one probe tried, in order. Reading a file or running a command through the log records the outcome, so no
 * probe can look somewhere without saying so. Used by one probe on one thread.
 */
final class ProbeLog {

    private final String probe;
    private final List<ProbeAttempt> attempts = new ArrayList<>();

    ProbeLog(String probe) {
        this.probe = probe;
    }

    void record(String source, String finding) {
        attempts.add(new ProbeAttempt(probe, source, finding));
    }

    List<ProbeAttempt> attempts() {
        return List.copyOf(attempts);
    }

    /**
     * Reads a file under the root and parses it.
     *
     * @param describe what a parsed value says, for the log
     */
    <T> Optional<T> file(FileSystemRoot root, String path, Function<String, Optional<T>> parse,
                         Function<T, String> describe) {
        Optional<String> text = root.read(path);
        if (text.isEmpty()) {
            record(path, "not present");
            return Optional.empty();
        }
        return parsed(path, text.get(), parse, describe);
    }

    /** Runs a command (never through a shell) and parses its standard output when it succeeded. */
    <T> Optional<T> command(CommandRunner runner, List<String> argv, Duration timeout,
                            Function<String, Optional<T>> parse, Function<T, String> describe) {
        String source = String.join(" ", argv);
        Optional<CommandRunner.CommandResult> result = runner.run(argv, timeout);
        if (result.isEmpty()) {
            record(source, "did not run (not installed, or no answer within " + timeout.toSeconds() + " s)");
            return Optional.empty();
        }
        if (!result.get().succeeded()) {
            record(source, "exited with code " + result.get().exitCode());
            return Optional.empty();
        }
        return parsed(source, result.get().standardOutput(), parse, describe);
    }

    private <T> Optional<T> parsed(String source, String text, Function<String, Optional<T>> parse,
                                   Function<T, String> describe) {
        Optional<T> value = parse.apply(text);
        record(source, value.map(describe).orElse("nothing recognised in its output"));
        return value;
    }
}
