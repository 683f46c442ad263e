package org.torchplan.client.http;

import java.util.function.UnaryOperator;

/** The service answered with a 4xx problem: the request is wrong or forbidden by policy, exit code 4. */
public final class ServiceRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ServiceRefusedException(Problem problem) {
        this(problem, UnaryOperator.identity());
    }

    /** @param fieldLabel how the problem's fields are named to the reader (see {@link Problem#describe(UnaryOperator)}) */
    public ServiceRefusedException(Problem problem, UnaryOperator<String> fieldLabel) {
        super(problem.describe(fieldLabel));
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
