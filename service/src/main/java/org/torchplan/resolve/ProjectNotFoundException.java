package org.torchplan.resolve;

import java.util.List;

/** A required project is not on the index at all. */
public class ProjectNotFoundException extends ResolutionImpossibleException {

    private final String project;

    public ProjectNotFoundException(String project, String message, List<String> conflicts) {
        super(message, conflicts);
        this.project = project;
    }

    public String project() {
        return project;
    }
}
