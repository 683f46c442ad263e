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
    void unsatisfiableRequestsListTheReasonPerBackendAndDenialsNameTheRule() {
        Problem unsatisfiable = Problem.parse(422, "", "{\"title\":\"Nothing satisfies the request\",\"status\":422,"
                + "\"detail\":\"no backend has torch>=9\",\"reasons\":[\"cu126: no torch>=9 for cp312 linux x86_64\","
                + "\"cpu: no torch>=9 for cp312 linux x86_64\"]}");
        Problem denied = Problem.parse(403, "", "{\"title\":\"Forbidden by the fleet policy\",\"status\":403,"
                + "\"detail\":\"channel nightly is not allowed\",\"rule\":\"torchplan.policy.allowed-channels\"}");

        assertThat(unsatisfiable.describe()).contains("  - cu126: no torch>=9 for cp312 linux x86_64",
                "  - cpu: no torch>=9 for cp312 linux x86_64");
        assertThat(denied.describe()).isEqualTo("Forbidden by the fleet policy (HTTP 403): channel nightly is not allowed"
                + " (policy rule torchplan.policy.allowed-channels)");
    }

    @Test
    void aBodyThatIsNotAProblemStillGivesTheStatus() {
        Problem html = Problem.parse(403, "Forbidden", "<html><body>denied by proxy</body></html>");
        Problem text = Problem.parse(429, "", "slow down");

        assertThat(html.describe()).isEqualTo("Forbidden (HTTP 403)");
        assertThat(text.describe()).isEqualTo("request refused (HTTP 429): slow down");
    }
}
