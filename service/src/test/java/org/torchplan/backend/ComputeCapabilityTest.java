package org.torchplan.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComputeCapabilityTest {

    @ParameterizedTest(name = "{0} -> {1}.{2}")
    @CsvSource({
            "8.6, 8, 6",
            "12.0, 12, 0",
            "' 7.5 ', 7, 5",
            "sm_86, 8, 6",
            "SM_86, 8, 6",
            "sm86, 8, 6",
            "sm_120, 12, 0",
            "sm_50, 5, 0",
            "10.3, 10, 3",
    })
    void parsesDottedAndNvccForms(String text, int major, int minor) {
        ComputeCapability capability = ComputeCapability.parse(text);

        assertThat(capability).isEqualTo(new ComputeCapability(major, minor));
        assertThat(capability).hasToString(major + "." + minor);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "8", "8.", ".6", "8.10", "0.5", "08.6", "sm_", "sm_8", "compute_86", "8,6", "abc",
            "-8.6"})
    void rejectsAnythingElseWithTheTypedError(String text) {
        assertThatThrownBy(() -> ComputeCapability.parse(text))
                .isInstanceOf(InvalidHardwareException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({"6.1, 7.0", "8.6, 8.9", "9.0, 10.0", "10.0, 12.0"})
    void ordersByMajorThenMinor(String lower, String higher) {
        assertThat(ComputeCapability.parse(lower)).isLessThan(ComputeCapability.parse(higher));
    }
}
