package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Malformed encodings, parameter names and markers are 4xx problems, in MockMvc and over real HTTP through the
 * servlet container (which decodes the query itself, before any controller runs).
 */
class MalformedRequestTest extends ApiTest {

    private static final String QUERY = "/plan?requirement=torch&python=cp312&os=linux&arch=x86_64";

    @Test
    void aCompatibleReleaseClauseWithOneSegmentInAMarkerIsA400NamingTheRequirement() throws Exception {
        String body = PlanApiErrorTest.withField("requirements[0]", "torch; python_version ~= \"3\"");

        MockHttpServletResponse response = mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn().getResponse();
        RawHttp.Response raw = RawHttp.post(port, "/plan", body);

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("\"field\":\"requirements[0]\"").contains("~=");
        assertThat(raw.status()).isEqualTo(400);
        assertThat(raw.body()).contains("\"field\":\"requirements[0]\"");
    }

    @Test
    void anEmptyParameterNameIsA400() throws Exception {
        MockHttpServletResponse response = mvc.perform(get(QUERY + "&=v")).andReturn().getResponse();
        RawHttp.Response raw = RawHttp.get(port, QUERY + "&=v");

        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(raw.status()).isEqualTo(400);
        assertThat(raw.contentType()).startsWith("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"requirement=%ZZ", "requirement=%", "requirement=torch%", "requirement=%2",
        "arch=%ED%A0%80", "arch=%C3%28", "arch=%FF", "os=%00", "python=%F4%90%80%80", "%ZZ=1", "%ED%A0%80=x"})
    void malformedPercentEncodingIsA400OverRealHttp(String parameter) throws Exception {
        RawHttp.Response raw = RawHttp.get(port, QUERY + "&" + parameter);

        assertThat(raw.status()).as(raw.toString()).isEqualTo(400);
        assertThat(raw.contentType()).as(raw.toString()).startsWith("application/problem+json");
        ProblemLeaks.assertNone(raw.body());
    }

    /** The other endpoints: malformed paths and queries are 4xx problems too. */
    @ParameterizedTest
    @ValueSource(strings = {"/catalog/stable/cpu/%ED%A0%80", "/catalog/%ZZ/cpu/torch", "/catalog/stable/cpu/torch%",
        "/catalog/stable/cpu/%00", "/backends?python=%ZZ", "/policy?%=1", "/catalog?x=%ED%A0%80", "/plan/%2e%2e/error",
        "/%2e%2e/%2e%2e/etc/passwd", "/error?x=1", "/catalog/stable/cu126/torch%3Bx", "/backends?=&="})
    void malformedPathsAndQueriesOfEveryEndpointAreProblems(String target) throws Exception {
        RawHttp.Response raw = RawHttp.get(port, target);

        assertThat(raw.status()).as(target + " " + raw).isBetween(400, 499);
        assertThat(raw.contentType()).as(target + " " + raw).startsWith("application/problem+json");
        ProblemLeaks.assertNone(raw.body());
    }

    /** Bytes Tomcat refuses in a request line before the service sees it: still a problem document. */
    @ParameterizedTest
    @ValueSource(strings = {"arch=x86_\u00e9", "requirement=torch{", "requirement=\"torch\"", "os=<linux>",
        "arch=x86\u000b64"})
    void requestLinesTomcatRefusesAreProblemDocuments(String parameter) throws Exception {
        RawHttp.Response raw = RawHttp.send(port, ("GET " + QUERY + "&" + parameter
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));

        assertThat(raw.status()).as(raw.toString()).isEqualTo(400);
        assertThat(raw.contentType()).as(raw.toString()).startsWith("application/problem+json");
        assertThat(raw.body()).contains("\"status\":400").doesNotContain("Tomcat").doesNotContain("<html");
        ProblemLeaks.assertNone(raw.body());
    }

    /** HTTP's own 5xx for what the client sent: a problem that says so, not "the service failed". */
    @Test
    void anUnsupportedHttpVersionOrTransferCodingIsAProblemNamingIt() throws Exception {
        for (String head : new String[] {"GET /plan HTTP/2.5\r\nHost: localhost",
            "GET /plan HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip"}) {
            RawHttp.Response raw = RawHttp.send(port, (head + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));

            assertThat(raw.status()).as(head).isIn(501, 505);
            assertThat(raw.contentType()).as(head).startsWith("application/problem+json");
            assertThat(raw.body()).as(head).contains("unsupported-request").doesNotContain("failed to answer");
        }
    }

    @Test
    void moreParametersThanTheContainerReadsIsA400() throws Exception {
        RawHttp.Response raw = RawHttp.get(port, QUERY + "&x=1".repeat(1200));

        assertThat(raw.status()).as(raw.toString()).isBetween(400, 499);
        ProblemLeaks.assertNone(raw.body());
    }

    @Test
    void twoJsonObjectsBackToBackAreA400ThatNamesNoParserInternals() throws Exception {
        String body = DRIVER_570_BODY + DRIVER_570_BODY;

        MockHttpServletResponse response = mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn().getResponse();
        RawHttp.Response raw = RawHttp.post(port, "/plan", body);

        assertThat(response.getStatus()).isEqualTo(400);
        ProblemLeaks.assertNone(response.getContentAsString());
        assertThat(response.getContentAsString()).contains("one JSON object");
        assertThat(raw.status()).isEqualTo(400);
        ProblemLeaks.assertNone(raw.body());
    }

    @Test
    void jsonNestedTooDeepIsA400ThatNamesNoParserSettings() throws Exception {
        String body = "{\"requirements\": " + "[".repeat(5000) + "]".repeat(5000) + "}";

        MockHttpServletResponse response = mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(400);
        ProblemLeaks.assertNone(response.getContentAsString());
        assertThat(response.getContentAsString()).doesNotContain("Constraints").doesNotContain("`");
    }

    @Test
    void errorIsNoEndpoint() throws Exception {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE"}) {
            RawHttp.Response raw = RawHttp.send(port, (method + " /error HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")
                    .getBytes(StandardCharsets.US_ASCII));

            assertThat(raw.status()).as(method + " " + raw).isEqualTo(404);
            assertThat(raw.body()).as(method).doesNotContain("999");
            assertThat(raw.contentType()).as(method).startsWith("application/problem+json");
        }
        assertThat(mvc.perform(get("/error")).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post("/error")).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void aBodyShorterThanItsContentLengthIsA400() throws Exception {
        byte[] body = DRIVER_570_BODY.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /plan HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (body.length + 40) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head);
            socket.getOutputStream().write(body);
            socket.shutdownOutput(); // the client is done: 40 bytes short of what it declared
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .contains("could not be read");
            ProblemLeaks.assertNone(answer);
        }
    }

    /** Bodies are read by their declared length: nothing of the next request on the connection is taken. */
    @Test
    void twoRequestsSentAtOnceOnOneConnectionAreTwoPlans() throws Exception {
        byte[] body = DRIVER_570_BODY.getBytes(StandardCharsets.UTF_8);
        String head = "POST /plan HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n";
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        both.writeBytes(body);
        both.writeBytes((head + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        both.writeBytes(body);

        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(both.toByteArray());
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answers.split("HTTP/1\\.1 ", -1)).as(answers).hasSize(3);
            assertThat(answers.split("HTTP/1\\.1 200 ", -1)).as(answers).hasSize(3);
            assertThat(answers).doesNotContain("application/problem+json");
        }
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() throws Exception {
        String padded = DRIVER_570_BODY.strip();
        String body = padded + " ".repeat(PlanController.BODY_LIMIT_BYTES - padded.length());

        RawHttp.Response raw = RawHttp.post(port, "/plan", body);

        assertThat(body).hasSize(PlanController.BODY_LIMIT_BYTES);
        assertThat(raw.status()).as(raw.toString()).isEqualTo(200);
        assertThat(RawHttp.post(port, "/plan", body + " ").status()).isEqualTo(413);
    }
}
