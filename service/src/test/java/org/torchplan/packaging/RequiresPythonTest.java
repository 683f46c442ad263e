package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requires-Python against a target, as pip's {@code check_requires_python} judges it (3.12 is 3.12.0). */
class RequiresPythonTest {

    @ParameterizedTest(name = "{0} admits {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null              | cp312 | true",
            "''                | cp312 | true",
            ">=3.9             | cp312 | true",
            ">=3.99            | cp312 | false",
            ">=3.12.0          | cp312 | true",
            ">3.12             | cp312 | false",
            ">=3.12.1          | cp312 | false",
            "~=3.12            | cp312 | true",
            "'>=3.8,<3.12'     | cp312 | false",
            "'>=3.8,<3.12'     | cp311 | true",
            "==3.12.*          | cp312 | true",
            "'>=3.13.0a1'      | cp313 | true",
            "not a specifier   | cp312 | true",
            ">=3.x             | cp38  | true",
    })
    void judgesTheTargetAsPipDoes(String requiresPython, String target, boolean admitted) {
        assertThat(RequiresPython.admits(requiresPython, PythonTarget.parse(target))).isEqualTo(admitted);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {"null | false", ">=3.9 | false", "not a specifier | true",
            ">=3.x | true"})
    void tellsAnUnparseableValue(String requiresPython, boolean unparseable) {
        assertThat(RequiresPython.isUnparseable(requiresPython)).isEqualTo(unparseable);
    }
}
