package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every example body the API documents for {@code POST /plan}, in the served spec and in openapi.yaml (which
 * {@link OpenApiContractTest} holds equal), plans: Swagger UI's "Try it out" must not start with a 400.
 */
class PlanExamplesTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyServedExamplePlans() throws Exception {
        Map<String, Object> examples = OpenApiContractTest.planExamples(OpenApiContractTest.servedSpec(mvc));
        assertThat(examples).hasSizeGreaterThanOrEqualTo(6);
        for (Map.Entry<String, Object> example : examples.entrySet()) {
            assertPlans(example.getKey(), OpenApiContractTest.map(example.getValue()).get("value"));
        }
    }

    @Test
    void everyWrittenExamplePlans() throws Exception {
        Map<String, Object> examples = OpenApiContractTest.planExamples(OpenApiContractTest.writtenSpec());
        assertThat(examples).hasSizeGreaterThanOrEqualTo(6);
        for (Map.Entry<String, Object> example : examples.entrySet()) {
            assertPlans(example.getKey(), OpenApiContractTest.map(example.getValue()).get("value"));
        }
    }

    private void assertPlans(String name, Object body) throws Exception {
        assertThat(body).as("example %s has a value", name).isInstanceOf(Map.class);
        MvcResult result = mvc.perform(post("/plan").contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(body))).andReturn();
        assertThat(result.getResponse().getStatus()).as("example %s: %s", name,
                result.getResponse().getContentAsString()).isBetween(200, 299);
        Map<?, ?> plan = JSON.readValue(result.getResponse().getContentAsString(), Map.class);
        assertThat((java.util.List<?>) plan.get("packages")).as("example %s plans wheels", name).isNotEmpty();
    }
}
