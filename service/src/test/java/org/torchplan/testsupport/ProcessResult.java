package org.torchplan.testsupport;

import java.util.List;

/** A finished process: its command line, exit code and interleaved stdout/stderr. */
public record ProcessResult(List<String> command, int exitCode, String output) {

    public ProcessResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** This result when it succeeded; otherwise a failure naming the command and showing everything it printed. */
    public ProcessResult requireSuccess() {
        if (!succeeded()) {
            throw new AssertionError("exit code " + exitCode + " from " + String.join(" ", command) + "\n" + output);
        }
        return this;
    }
}
