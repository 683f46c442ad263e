package org.torchplan.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The page the servlet container forwards its own errors to (a request it refused, an exception that escaped a
 * filter), in place of Spring Boot's: a problem document with the status and nothing else. Asked for directly,
 * {@code /error} is no endpoint: 404, not Spring Boot's 500 with status 999.
 */
@Hidden
@RestController
class ErrorPageController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (request.getDispatcherType() != DispatcherType.ERROR || !(status instanceof Integer code)) {
            return ProblemDetails.answer(ProblemDetails.problem(HttpStatus.NOT_FOUND, "not-found", "Not Found",
                    "no endpoint answers " + PrintableText.shorten(request.getRequestURI())));
        }
        HttpStatus resolved = HttpStatus.resolve(code);
        if (resolved == null || !resolved.isError()) {
            resolved = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = resolved.is4xxClientError() ? "the request could not be read"
                : "the service failed to answer; the error is logged";
        return ProblemDetails.answer(ProblemDetails.problem(resolved, resolved.is4xxClientError() ? "invalid-request"
                : "internal-error", resolved.getReasonPhrase(), detail));
    }
}
