package org.torchplan.api;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Tomcat answers a request it cannot parse (a raw non-ASCII byte or an unencoded {@code {}, {@code "} or {@code <}
 * in the query, a malformed header) before any of the service's code runs, with an HTML page. This puts a problem
 * document in its place, so that every error the service sends is one.
 */
@Component
class ContainerProblemReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // Spring Boot adds its own report valve to the host first; a later valve reports first
        factory.addContextCustomizers(context -> context.getParent().getPipeline().addValve(new ProblemReportValve()));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** An error report as {@code application/problem+json}: the status and a fixed sentence, nothing echoed. */
    static final class ProblemReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean writable = new AtomicBoolean(true);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
            if (!writable.get()) {
                return;
            }
            HttpStatus resolved = HttpStatus.resolve(status);
            String title = resolved == null ? "Error" : resolved.getReasonPhrase();
            String type;
            String detail;
            if (status < 500) {
                type = "invalid-request";
                detail = "the request is not valid HTTP (in a query, percent-encode as UTF-8 every character but"
                        + " letters, digits and -._~!'()*+,;=:@/?)";
            } else if (status == 501 || status == 505) {
                // HTTP answers an unknown transfer coding or version with a 5xx, though the request is at fault
                type = "unsupported-request";
                detail = "the request uses an HTTP version or transfer coding the service does not support;"
                        + " send HTTP/1.1 or HTTP/1.0";
            } else {
                type = "internal-error";
                detail = "the service failed to answer; the error is logged";
            }
            String body = "{\"type\":\"https://torchplan.org/problems/" + type + "\",\"title\":\"" + title
                    + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}";
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException unwritable) {
                // the connection is gone or the response already on its way: nothing more to say
            }
        }
    }
}
