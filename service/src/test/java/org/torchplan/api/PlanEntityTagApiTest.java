package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/** {@code /plan} over HTTP: strong entity tags, 304 for a tag the caller holds, and the warm-up before readiness. */
class PlanEntityTagApiTest extends ApiTest {

    private static final String GET_570 = "/plan?requirement=torch&python=cp312&os=linux&arch=x86_64&glibc=2.35"
            + "&driver=570.86.10";
    /** DRIVER_570_BODY with its fields in another order and other blanks. */
    private static final String REORDERED_570_BODY = "{\"gpu\":{\"driverVersion\":\"570.86.10\",\"vendor\":\"nvidia\"},"
            + "\"platform\":{\"glibc\":\"2.35\",\"os\":\"linux\",\"arch\":\"x86_64\"},\"python\":\"cp312\","
            + "\"requirements\":[\"torch\"]}";

    @Autowired
    private PlanWarmup warmup;

    private MockHttpServletResponse postPlan(String body, String... headers) throws Exception {
        var request = post("/plan").contentType(MediaType.APPLICATION_JSON).content(body);
        for (int index = 0; index < headers.length; index += 2) {
            request.header(headers[index], headers[index + 1]);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    @Test
    void aPlanCarriesAStrongEntityTagThatIgnoresFieldOrder() throws Exception {
        MockHttpServletResponse first = postPlan(DRIVER_570_BODY);
        MockHttpServletResponse reordered = postPlan(REORDERED_570_BODY);

        assertThat(first.getStatus()).isEqualTo(200);
        assertThat(first.getHeader(HttpHeaders.ETAG)).matches("\"[0-9a-f]{32}\"");
        assertThat(first.getHeader(HttpHeaders.VARY)).isEqualTo("Accept");
        assertThat(reordered.getHeader(HttpHeaders.ETAG)).isEqualTo(first.getHeader(HttpHeaders.ETAG));
        assertThat(reordered.getContentAsByteArray()).isEqualTo(first.getContentAsByteArray());
    }

    @Test
    void postWithTheTagHeldIsNotModified() throws Exception {
        String tag = postPlan(DRIVER_570_BODY).getHeader(HttpHeaders.ETAG);

        MockHttpServletResponse again = postPlan(REORDERED_570_BODY, HttpHeaders.IF_NONE_MATCH, "\"other\", " + tag);

        assertThat(again.getStatus()).isEqualTo(304);
        assertThat(again.getHeader(HttpHeaders.ETAG)).isEqualTo(tag);
        assertThat(again.getContentAsByteArray()).isEmpty();
        assertThat(postPlan(DRIVER_570_BODY, HttpHeaders.IF_NONE_MATCH, "W/" + tag).getStatus())
                .as("If-None-Match compares weakly").isEqualTo(304);
        assertThat(postPlan(DRIVER_570_BODY, HttpHeaders.IF_NONE_MATCH, "*").getStatus()).isEqualTo(304);
    }

    @Test
    void aTagOfAnotherAnswerGetsThePlan() throws Exception {
        String jsonTag = postPlan(DRIVER_570_BODY).getHeader(HttpHeaders.ETAG);

        MockHttpServletResponse script = postPlan(DRIVER_570_BODY, HttpHeaders.ACCEPT, "text/x-shellscript",
                HttpHeaders.IF_NONE_MATCH, jsonTag);
        MockHttpServletResponse otherMachine = postPlan(DRIVER_570_BODY.replace("570.86.10", "535.104.05"),
                HttpHeaders.IF_NONE_MATCH, jsonTag);

        assertThat(script.getStatus()).isEqualTo(200);
        assertThat(script.getContentType()).startsWith("text/x-shellscript");
        assertThat(script.getHeader(HttpHeaders.ETAG)).isNotEqualTo(jsonTag);
        assertThat(otherMachine.getStatus()).isEqualTo(200);
        assertThat(otherMachine.getHeader(HttpHeaders.ETAG)).isNotEqualTo(jsonTag);
    }

    @Test
    void getWithTheTagHeldIsNotModifiedAndSharesTheTagOfPost() throws Exception {
        String tag = mvc.perform(get(GET_570)).andExpect(status().isOk()).andReturn().getResponse()
                .getHeader(HttpHeaders.ETAG);

        mvc.perform(get(GET_570).header(HttpHeaders.IF_NONE_MATCH, tag))
                .andExpect(status().isNotModified())
                .andExpect(header().string(HttpHeaders.ETAG, tag))
                .andExpect(content().bytes(new byte[0]));
        assertThat(postPlan(DRIVER_570_BODY).getHeader(HttpHeaders.ETAG)).as("the same plan, the same bytes")
                .isEqualTo(tag);
    }

    @Test
    void badInputIsRefusedWhateverTheTag() throws Exception {
        MockHttpServletResponse refused = postPlan(DRIVER_570_BODY.replace("cp312", "cp9x"),
                HttpHeaders.IF_NONE_MATCH, "*");

        assertThat(refused.getStatus()).isEqualTo(400);
    }

    @Test
    void theServiceWarmedUpBeforeItWasReady() {
        PlanWarmup.Result result = warmup.result();

        assertThat(result.requests()).as("torchplan.warmup.max-plans of this context").isEqualTo(40);
        assertThat(result.plans()).isPositive();
    }
}
