package org.torchplan.client.http;

/** The service answered with a 4xx problem: the request is wrong or forbidden by policy, exit code 4. */
public final class ServiceRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ServiceRefusedException(Problem problem) {
        super(problem.describe());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
