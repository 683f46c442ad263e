package org.torchplan.api;

import org.torchplan.catalog.AdminAccessException;
import org.torchplan.catalog.index.UpstreamUnavailableException;
import java.net.URI;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.torchplan.plan.PolicyViolationException;
import org.torchplan.plan.UnplannableRequirementException;
import org.torchplan.plan.UnsatisfiableRequestException;

/**
 * Every error as an RFC 9457 {@code application/problem+json} answer. Spring MVC's own errors (405, 406, 415, ...)
 * come from the base class; anything unforeseen is logged and answered with a generic 500 that reveals nothing.
 */
@RestControllerAdvice
class ProblemDetails extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemDetails.class);
    private static final String TYPES = "https://torchplan.org/problems/";

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException invalid) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                invalid.errors().size() == 1
                        ? invalid.errors().get(0).field() + ": " + invalid.errors().get(0).message()
                        : invalid.errors().size() + " fields are invalid; see errors");
        problem.setProperty("errors", invalid.errors());
        return answer(problem);
    }

    @ExceptionHandler(UnplannableRequirementException.class)
    ResponseEntity<Object> unplannable(UnplannableRequirementException unplannable) {
        return invalid(InvalidRequestException.of("requirements[" + unplannable.index() + "]",
                unplannable.getMessage()));
    }

    @ExceptionHandler(RequestTooLargeException.class)
    ResponseEntity<Object> tooLarge(RequestTooLargeException tooLarge) {
        return answer(problem(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request body too large",
                tooLarge.getMessage()));
    }

    @ExceptionHandler(PolicyViolationException.class)
    ResponseEntity<Object> forbidden(PolicyViolationException violation) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "policy-violation", "Forbidden by the fleet policy",
                violation.getMessage());
        problem.setProperty("rule", violation.rule());
        return answer(problem);
    }

    /** The index could not be read within the request budget: the caller may retry; the read goes on. */
    @ExceptionHandler(UpstreamUnavailableException.class)
    ResponseEntity<Object> upstreamUnavailable(UpstreamUnavailableException unavailable) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "upstream-unavailable",
                "The package index could not be read", unavailable.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "30")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @ExceptionHandler(UnsatisfiableRequestException.class)
    ResponseEntity<Object> unsatisfiable(UnsatisfiableRequestException unsatisfiable) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "unsatisfiable",
                "Nothing satisfies the request", unsatisfiable.getMessage());
        problem.setProperty("reasons", unsatisfiable.reasons());
        if (unsatisfiable.catalog() != null) {
            problem.setProperty("catalog", PlanResponse.CatalogView.of(unsatisfiable.catalog()));
        }
        return answer(problem);
    }

    @ExceptionHandler(AdminAccessException.class)
    ResponseEntity<Object> adminAccess(AdminAccessException denied) {
        ResponseEntity<Object> answer = answer(problem(denied.status(), denied.type(), denied.title(),
                denied.getMessage()));
        if (denied.status() == HttpStatus.UNAUTHORIZED) {
            return ResponseEntity.status(denied.status())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(answer.getBody());
        }
        return answer;
    }

    /**
     * The container could not read the query string (more parameters than it accepts, an encoding {@link
     * QueryStringFilter} let through): the caller's mistake, and the container's message may echo corrupted bytes.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> unreadableParameters(InvalidParameterException unreadable) {
        return invalid(InvalidRequestException.of("query", "the query string could not be read"));
    }

    /** A bug, not bad input: logged with its stack trace here, never shown to the caller. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception unexpected, WebRequest request) throws Exception {
        if (unexpected instanceof org.springframework.web.ErrorResponse) {
            // Spring MVC's own typed errors: the base class answers them with their status
            return handleException(unexpected, request);
        }
        LOG.error("unexpected error answering {}", request.getDescription(false), unexpected);
        return answer(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the service failed to answer; the error is logged"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception exception, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> answer = super.handleExceptionInternal(exception, body, headers, status, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail) {
            // whatever the Accept header asked for (a shell script, say), an error is a problem document
            return ResponseEntity.status(answer.getStatusCode())
                    .headers(answer.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(answer.getBody());
        }
        return answer;
    }

    static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return problem;
    }

    static ResponseEntity<Object> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
