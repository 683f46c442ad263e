package org.torchplan.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request: {@code method, path, status, durationMs, requestId} as key=value pairs (and as SLF4J key
 * values, which structured JSON logging turns into fields). It never logs headers (so never Authorization) nor bodies,
 * and query values that can carry credentials are redacted ({@link LoggedRequestTarget}).
 *
 * <p>It runs first, so the request id is in the MDC for every line logged while the request is served and in the
 * response header even when the request fails.
 *
 * <p>What is logged at INFO is what an operator acts on: a request answered 4xx or 5xx, or one slower than
 * {@link #SLOW}. Every other request (a plan answered 2xx or 304 in time, probes, Prometheus scrapes) is logged at
 * DEBUG: at thousands of plans a second per replica an INFO line each cost more CPU than planning did (docs/
 * benchmarks.md, section 6) and repeats what the {@code http.server.requests} metrics already count. Set
 * {@code logging.level.org.torchplan.system.RequestLoggingFilter=debug} to log every request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestLoggingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestLoggingFilter.class);
    /** A request that took this long is logged at INFO whatever its status. */
    static final Duration SLOW = Duration.ofSeconds(1);

    private final long slowMillis;

    public RequestLoggingFilter() {
        this(SLOW);
    }

    RequestLoggingFilter(Duration slow) {
        this.slowMillis = slow.toMillis();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestId requestId = RequestId.fromHeaderOrGenerate(request.getHeader(RequestId.HEADER));
        response.setHeader(RequestId.HEADER, requestId.value());
        MDC.put(RequestId.MDC_KEY, requestId.value());
        long startNanos = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            // An exception escaping the chain becomes a 500 from the container, whatever the status says now.
            int status = failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : response.getStatus();
            logRequest(request, status, (System.nanoTime() - startNanos) / 1_000_000, requestId);
            MDC.remove(RequestId.MDC_KEY);
        }
    }

    private void logRequest(HttpServletRequest request, int status, long durationMillis, RequestId requestId) {
        Level level = status >= 400 || durationMillis >= slowMillis ? Level.INFO : Level.DEBUG;
        if (!log.isEnabledForLevel(level)) {
            return;
        }
        String path = request.getRequestURI();
        String target = LoggedRequestTarget.of(path, request.getQueryString());
        log.atLevel(level)
                .addKeyValue("method", request.getMethod())
                .addKeyValue("path", target)
                .addKeyValue("status", status)
                .addKeyValue("durationMs", durationMillis)
                .addKeyValue("requestId", requestId.value())
                .log("request method={} path={} status={} durationMs={} requestId={}",
                        request.getMethod(), target, status, durationMillis, requestId.value());
    }
}
