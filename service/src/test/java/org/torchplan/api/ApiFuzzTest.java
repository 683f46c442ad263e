package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A seeded mutation fuzzer over {@code POST /plan} and {@code GET /plan}: mutated valid bodies through MockMvc and
 * over real HTTP, mutated raw query strings over real HTTP (only Tomcat decodes those). Whatever arrives: no 5xx, no
 * internal class or library name in any answer, and nothing a request can change (catalog, policy) has changed.
 */
class ApiFuzzTest extends ApiTest {

    static final long SEED = 15_2026_1130L;
    static final int MOCK_BODY_CASES = 2000;
    static final int HTTP_BODY_CASES = 500;
    static final int HTTP_QUERY_CASES = 1500;

    private static final List<String> BODIES = List.of(DRIVER_570_BODY, """
            {"requirements": ["torch>=2.4,<2.10", "torchvision", "numpy; python_version >= \\"3.9\\""],
             "python": "cp311", "platform": {"os": "linux", "arch": "x86_64", "glibc": "2.28"},
             "gpu": {"vendor": "amd", "architecture": "gfx90a"}, "strategy": "newest-torch"}
            """, """
            {"requirements": ["torch", "torchaudio"], "python": "3.12",
             "platform": {"os": "macos", "arch": "aarch64", "macos": "14.0"}, "installer": "uv"}
            """, """
            {"requirements": ["torch[opt-einsum]==2.6.*"], "python": "cp312",
             "platform": {"os": "windows", "arch": "x86_64"}, "backend": "cu126", "channel": "stable"}
            """);

    private static final List<String> QUERIES = List.of(
            "requirement=torch&python=cp312&os=linux&arch=x86_64",
            "requirement=torch%3E%3D2.4%2C%3C2.10&requirement=torchvision&python=cp311&os=linux&arch=x86_64"
                    + "&glibc=2.35&driver=570.86.10&format=sh",
            "requirement=torch&python=cp312&os=linux&arch=x86_64&vendor=amd&architecture=gfx90a&format=requirements",
            "requirement=torch&requirement=torchaudio&python=3.12&os=macos&arch=aarch64&macos=14.0&installer=uv",
            "requirement=torch%3B+sys_platform+%3D%3D+%22win32%22&python=cp312&os=windows&arch=x86_64&backend=cu126");

    /** Mostly renderings the plan has; one it has not (406 before any body is read). */
    private static final List<String> ACCEPTS = List.of("application/json", "*/*", "text/x-shellscript",
        "text/plain", "", "application/json, text/x-shellscript;q=0.5", "application/xml");

    private static final String[] JSON_TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "\"\"",
        "\"requirements\":", "\"python\":", "\"platform\":", "\"gpu\":", "\"os\":", "\"torch\"", "\"cp312\"",
        "\"torch; python_version ~= \\\"3\\\"\"", "\"torch; os_name ~= \\\"x\\\"\"", "\"torch @ file:///x\"",
        "\"channel\": \"nightly\"", "\"backend\": \"rocm99\"", "\"$(id)\"", "\"torch===2\"", "\"torch>=2.4,\"",
        "{\"requirements\":[\"torch\"]}"};

    private static final String[] QUERY_TOKENS = {"&", "=", "%", "%2", "%25", "+", "&=v", "&&", "requirement=",
        "python=cp3", "os=", "format=xml", "&channel=nightly", "&channel=test", "%3B+python_version+~%3D+%223%22",
        "&requirement=torch%40file%3A%2F%2F%2Fx", "&backend=auto", "&strategy=oldest", "&vendor=intel", ";", "#",
        "%0D%0A", "\u00e9", "%u0041", "%%", "=%ZZ"};

    private final List<String> failures = new ArrayList<>();
    private final Map<Integer, Integer> statuses = new TreeMap<>();

    @Test
    void mutatedRequestsNeverAnswer5xxLeakOrChangeState() throws Exception {
        String catalogBefore = stateOf("/catalog");
        String policyBefore = stateOf("/policy");
        long start = System.nanoTime();

        RequestMutator bodies = new RequestMutator(SEED, JSON_TOKENS);
        for (int index = 0; index < MOCK_BODY_CASES; index++) {
            byte[] body = bodies.mutate(seed(BODIES, bodies));
            MockHttpServletResponse response = mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                    .header("Accept", ACCEPTS.get(bodies.random().nextInt(ACCEPTS.size())))
                    .content(body)).andReturn().getResponse();
            check("mock POST #" + index + " " + RequestMutator.show(body), response.getStatus(),
                    response.getContentType(), response.getContentAsString(StandardCharsets.UTF_8));
        }
        for (int index = 0; index < HTTP_BODY_CASES; index++) {
            byte[] body = bodies.mutate(seed(BODIES, bodies));
            RawHttp.Response response = RawHttp.post(port, "/plan", body);
            check("http POST #" + index + " " + RequestMutator.show(body), response.status(),
                    response.contentType(), response.body());
        }
        RequestMutator queries = new RequestMutator(SEED + 1, QUERY_TOKENS);
        for (int index = 0; index < HTTP_QUERY_CASES; index++) {
            byte[] query = framed(queries.mutate(seed(QUERIES, queries)));
            byte[] request = concat(RequestMutator.utf8("GET /plan?"), query,
                    RequestMutator.utf8(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            RawHttp.Response response = RawHttp.send(port, request);
            check("http GET #" + index + " " + RequestMutator.show(query), response.status(),
                    response.contentType(), response.body());
        }

        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("api fuzz: %d cases in %d ms, statuses %s%n",
                MOCK_BODY_CASES + HTTP_BODY_CASES + HTTP_QUERY_CASES, millis, statuses);
        assertThat(failures).as("%d failures, the first 20 shown", failures.size())
                .satisfies(all -> assertThat(all.subList(0, Math.min(20, all.size()))).isEmpty());
        assertThat(stateOf("/catalog")).as("GET /catalog after the fuzz").isEqualTo(catalogBefore);
        assertThat(stateOf("/policy")).as("GET /policy after the fuzz").isEqualTo(policyBefore);
    }

    private void check(String description, int status, String contentType, String body) {
        statuses.merge(status, 1, Integer::sum);
        if (status >= 500 || status < 200) {
            failures.add(status + " for " + description + ": " + body);
            return;
        }
        boolean problem = contentType != null && contentType.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status >= 400 && !problem) {
            failures.add(status + " without a problem document for " + description + ": " + body);
        }
        for (String name : ProblemLeaks.FORBIDDEN) {
            if (status >= 400 && body.contains(name)) {
                failures.add("'" + name + "' leaked for " + description + ": " + body);
            }
        }
    }

    private String stateOf(String path) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(path)).andReturn().getResponse();
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private static byte[] seed(List<String> seeds, RequestMutator mutator) {
        return RequestMutator.utf8(seeds.get(mutator.random().nextInt(seeds.size())));
    }

    /** Keeps the request line one line: what would end it (space, CR, LF) is percent-encoded, the rest goes raw. */
    private static byte[] framed(byte[] query) {
        ByteArrayOutputStream framed = new ByteArrayOutputStream(query.length + 16);
        for (byte value : query) {
            if (value == ' ' || value == '\r' || value == '\n') {
                framed.writeBytes(RequestMutator.utf8(String.format("%%%02X", value)));
            } else {
                framed.write(value);
            }
        }
        return framed.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }
}
