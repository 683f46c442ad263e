package org.torchplan.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @Test
    void aSingleFieldErrorIsSaidOnceAndANestedMessageDoesNotRepeatItself() {
        String nested = "invalid requirement 'torch>=': invalid version specifier '>=': invalid version specifier '>=': "
                + "expected a version after '>='";
        Problem problem = Problem.parse(400, "Bad Request", "{\"title\":\"Invalid request\",\"status\":400,"
                + "\"detail\":\"requirements[1]: " + nested.replace("'", "\\u0027") + "\","
                + "\"errors\":[{\"field\":\"requirements[1]\",\"message\":\"" + nested + "\"}]}");

        assertThat(problem.describe()).isEqualTo("Invalid request (HTTP 400)" + System.lineSeparator()
                + "  - requirements[1]: invalid requirement 'torch>=': invalid version specifier '>=': "
                + "expected a version after '>='");
    }

    @Test
    void fieldsAreNamedAsTheCallerLabelsThem() {
        Problem problem = Problem.parse(400, "", "{\"title\":\"Invalid request\",\"status\":400,"
                + "\"detail\":\"2 fields are invalid; see errors\",\"errors\":["
                + "{\"field\":\"requirements[0]\",\"message\":\"bad\"},{\"field\":\"python\",\"message\":\"worse\"}]}");

        String described = problem.describe(field -> field.equals("requirements[0]") ? "requirements.txt:7" : field);

        assertThat(described).contains("  - requirements.txt:7: bad", "  - python: worse")
                .doesNotContain("requirements[0]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a: a: b            | a: b",
        "a: b: b: b         | a: b",
        "a: b: a: b         | a: b",
        "x: a: b: a: b: c   | x: a: b: c",
        "no repeat          | no repeat",
        "\"x: y\": \"x: y\": z  | \"x: y\": z",
    })
    void repeatedPartsAreDropped(String message, String expected) {
        assertThat(Problem.withoutRepeatedParts(message)).isEqualTo(expected);
    }
}
