package org.torchplan.resolve;

import java.util.List;

/**
 * A required project is on the index but none of its wheels installs on the target (only source distributions, or
 * wheels for other platforms or Pythons); building from source is not supported.
 */
public class NoCompatibleWheelException extends ResolutionImpossibleException {

    private final String project;

    public NoCompatibleWheelException(String project, String message, List<String> conflicts) {
        super(message, conflicts);
        this.project = project;
    }

    public String project() {
        return project;
    }
}
