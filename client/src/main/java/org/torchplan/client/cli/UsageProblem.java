package org.torchplan.client.cli;

/** The command line or its inputs (a requirements file, the interpreter) cannot work: exit code 2. */
final class UsageProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageProblem(String message) {
        super(message);
    }
}
