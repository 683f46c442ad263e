package org.torchplan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestLoggingFilterTest {

    private final RequestLoggingFilter filter = new RequestLoggingFilter();
    private final Logger filterLogger = (Logger) LoggerFactory.getLogger(RequestLoggingFilter.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void captureLog() {
        previousLevel = filterLogger.getLevel();
        filterLogger.setLevel(Level.DEBUG);
        logged.start();
        filterLogger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        filterLogger.detachAppender(logged);
        filterLogger.setLevel(previousLevel);
    }

    @Test
    void generatesARequestIdWhenTheCallerSendsNone() throws Exception {
        AtomicReference<String> idSeenByHandler = new AtomicReference<>();

        MockHttpServletResponse response = serve(planRequest(), (request, servletResponse) ->
                idSeenByHandler.set(MDC.get(RequestId.MDC_KEY)));

        String header = response.getHeader(RequestId.HEADER);
        assertThat(header).matches("[0-9a-f-]{36}");
        assertThat(idSeenByHandler).hasValue(header);
        assertThat(MDC.get(RequestId.MDC_KEY)).as("MDC cleared after the request").isNull();
    }

    @Test
    void echoesAValidCallerRequestId() throws Exception {
        MockHttpServletRequest request = planRequest();
        request.addHeader(RequestId.HEADER, "edge-7f3a:0001");

        MockHttpServletResponse response = serve(request, okHandler());

        assertThat(response.getHeader(RequestId.HEADER)).isEqualTo("edge-7f3a:0001");
        assertThat(onlyLine().getFormattedMessage()).contains("requestId=edge-7f3a:0001");
    }

    @Test
    void replacesAnInvalidCallerRequestId() throws Exception {
        MockHttpServletRequest request = planRequest();
        request.addHeader(RequestId.HEADER, "forged\" admin=true");

        MockHttpServletResponse response = serve(request, okHandler());

        assertThat(response.getHeader(RequestId.HEADER)).matches("[0-9a-f-]{36}");
        assertThat(onlyLine().getFormattedMessage()).doesNotContain("forged");
    }

    @Test
    void replacesATooLongCallerRequestId() throws Exception {
        MockHttpServletRequest request = planRequest();
        request.addHeader(RequestId.HEADER, "x".repeat(RequestId.MAX_LENGTH + 1));

        MockHttpServletResponse response = serve(request, okHandler());

        assertThat(response.getHeader(RequestId.HEADER)).matches("[0-9a-f-]{36}");
    }

    @Test
    void logsOneStructuredLinePerRequest() throws Exception {
        MockHttpServletRequest request = planRequest();
        request.addHeader(RequestId.HEADER, "req-1");

        serve(request, (servletRequest, response) ->
                ((HttpServletResponse) response).setStatus(422));

        ILoggingEvent line = onlyLine();
        assertThat(line.getLevel()).isEqualTo(Level.INFO);
        assertThat(line.getFormattedMessage())
                .startsWith("request method=POST path=/plan?format=sh&token=*** status=422 durationMs=")
                .endsWith(" requestId=req-1");
        assertThat(line.getKeyValuePairs()).extracting(pair -> pair.key)
                .containsExactly("method", "path", "status", "durationMs", "requestId");
    }

    @Test
    void neverLogsCredentialsHeadersOrBodies() throws Exception {
        MockHttpServletRequest request = planRequest();
        request.addHeader("Authorization", "Bearer s3cr3t-admin-token");
        request.addHeader("Cookie", "session=c00kie");

        serve(request, okHandler());

        String everything = logged.list.stream()
                .map(event -> event.getFormattedMessage() + " " + event.getKeyValuePairs() + " " + event.getMDCPropertyMap())
                .reduce("", String::concat);
        assertThat(everything).doesNotContain("s3cr3t", "c00kie", "Bearer", "requirements", "driverVersion", "abc123");
    }

    @Test
    void logsAFailureThatEscapesTheApplicationAsServerError() {
        MockHttpServletRequest request = planRequest();

        assertThatIllegalStateException().isThrownBy(() -> serve(request, (servletRequest, response) -> {
            throw new IllegalStateException("boom");
        }));

        assertThat(onlyLine().getFormattedMessage()).contains("status=500");
        assertThat(MDC.get(RequestId.MDC_KEY)).isNull();
    }

    @Test
    void logsActuatorRequestsAtDebugOnly() throws Exception {
        MockHttpServletRequest probe = new MockHttpServletRequest("GET", "/actuator/health/readiness");

        serve(probe, okHandler());

        assertThat(onlyLine().getLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void logsAPlanAnsweredInTimeAtDebugAndASlowOneAtInfo() throws Exception {
        serve(planRequest(), okHandler());
        assertThat(onlyLine().getLevel()).isEqualTo(Level.DEBUG);
        assertThat(onlyLine().getFormattedMessage()).contains("status=200");

        logged.list.clear();
        RequestLoggingFilter everythingIsSlow = new RequestLoggingFilter(java.time.Duration.ZERO);
        everythingIsSlow.doFilter(planRequest(), new MockHttpServletResponse(), okHandler());
        assertThat(onlyLine().getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void logsEveryRefusalAtInfo() throws Exception {
        for (int status : new int[] {304, 400, 404, 413, 422, 503}) {
            logged.list.clear();
            serve(planRequest(), (servletRequest, response) -> ((HttpServletResponse) response).setStatus(status));
            assertThat(onlyLine().getLevel()).as("status %d", status).isEqualTo(status >= 400 ? Level.INFO : Level.DEBUG);
        }
    }

    private static MockHttpServletRequest planRequest() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/plan");
        request.setQueryString("format=sh&token=abc123");
        request.setContentType("application/json");
        request.setContent("{\"requirements\":[\"torch\"],\"gpu\":{\"driverVersion\":\"570.86.10\"}}"
                .getBytes(StandardCharsets.UTF_8));
        return request;
    }

    private static FilterChain okHandler() {
        return (request, response) -> ((HttpServletResponse) response).setStatus(HttpServletResponse.SC_OK);
    }

    private MockHttpServletResponse serve(MockHttpServletRequest request, FilterChain handler) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, handler);
        return response;
    }

    private ILoggingEvent onlyLine() {
        List<ILoggingEvent> lines = logged.list;
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }
}
