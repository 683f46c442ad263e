package org.torchplan.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void fieldErrorsOfABadRequestAreEachDescribed() {
        String body = "{\"type\":\"https://torchplan.org/problems/invalid-request\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"2 fields are invalid\",\"instance\":\"/plan\",\"errors\":["
                + "{\"field\":\"requirements[0]\",\"message\":\"invalid PEP 508 requirement 'torch>>2'\"},"
                + "{\"field\":\"gpu.driverVersion\",\"message\":\"'abc' is not a driver version\"}]}";

        Problem problem = Problem.parse(400, "Bad Request", body);

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.instance()).contains("/plan");
        assertThat(problem.errors()).containsExactly(
                new Problem.FieldError("requirements[0]", "invalid PEP 508 requirement 'torch>>2'"),
                new Problem.FieldError("gpu.driverVersion", "'abc' is not a driver version"));
        assertThat(problem.describe())
                .startsWith("Bad Request (HTTP 400): 2 fields are invalid")
                .contains("  - requirements[0]: invalid PEP 508 requirement 'torch>>2'")
                .contains("  - gpu.driverVersion: 'abc' is not a driver version");
    }

    @Test
    void aBodyThatIsNotAProblemStillGivesTheStatus() {
        Problem html = Problem.parse(403, "Forbidden", "<html><body>denied by proxy</body></html>");
        Problem text = Problem.parse(429, "", "slow down");

        assertThat(html.describe()).isEqualTo("Forbidden (HTTP 403)");
        assertThat(text.describe()).isEqualTo("request refused (HTTP 429): slow down");
    }
}
