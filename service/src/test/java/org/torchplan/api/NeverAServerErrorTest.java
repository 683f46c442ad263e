package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.RequestBuilder;

/** Whatever arrives, the answer is a 2xx or a 4xx problem, never a 5xx or a stack trace. */
class NeverAServerErrorTest extends ApiTest {

    private static final String[] FRAGMENTS = {"{", "}", "[", "]", ",", ":", "\"requirements\"", "\"python\"",
        "\"platform\"", "\"gpu\"", "\"os\"", "\"arch\"", "\"vendor\"", "\"driverVersion\"", "\"torch\"",
        "\"cp312\"", "\"linux\"", "\"x86_64\"", "\"nvidia\"", "\"570.86.10\"", "null", "true", "1e999", "-0",
        "\"\\u0000\"", "\"\\ud800\"", "\"torch>=2\"", "\"torch; os_name == 'nt'\"", "\"$(id)\"", "\"channel\"",
        "\"nightly\"", "\"backend\"", "\"cu126\"", "\"rocm99\"", "\"gfx90a\"", "\"amd\"", "\"architecture\""};

    @Test
    void randomBodiesNeverCauseAServerError() throws Exception {
        Random random = new Random(19052026);
        for (int round = 0; round < 400; round++) {
            StringBuilder body = new StringBuilder();
            int length = random.nextInt(30);
            for (int index = 0; index < length; index++) {
                body.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            }
            assertNoServerError(post("/plan").contentType(MediaType.APPLICATION_JSON).content(body.toString()),
                    body.toString());
        }
    }

    @Test
    void mutatedValidBodiesNeverCauseAServerError() throws Exception {
        Random random = new Random(20260519);
        byte[] valid = DRIVER_570_BODY.getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 400; round++) {
            byte[] mutated = valid.clone();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            assertNoServerError(post("/plan").contentType(MediaType.APPLICATION_JSON).content(mutated),
                    new String(mutated, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void oddRequestsAreClientErrors() throws Exception {
        assertNoServerError(put("/plan").contentType(MediaType.APPLICATION_JSON).content(DRIVER_570_BODY), "PUT");
        assertNoServerError(post("/plan").contentType(MediaType.APPLICATION_JSON).content(DRIVER_570_BODY)
                .accept(MediaType.APPLICATION_XML), "Accept xml");
        assertNoServerError(post("/plan").contentType(MediaType.APPLICATION_JSON).content(DRIVER_570_BODY)
                .header("Accept", "text/x-shellscript;q=nonsense"), "bad Accept");
        assertNoServerError(get("/plan"), "GET without parameters");
        assertNoServerError(get("/no-such-thing"), "unknown path");
        assertNoServerError(post("/plan").contentType("application/json;charset=bogus").content("{}"), "bad charset");
    }

    private void assertNoServerError(RequestBuilder request, String description) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(description).isLessThan(500);
        if (response.getStatus() >= 400) {
            ProblemLeaks.assertNone(response.getContentAsString());
        }
    }
}
