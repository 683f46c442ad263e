package org.torchplan.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DriverVersionTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"570.86.10", "580.65", "452.39", "580", "525.60.13", "386.07.1.2"})
    void parsesAndKeepsTheSpellingAsWritten(String text) {
        assertThat(DriverVersion.parse(text)).hasToString(text);
    }

    @Test
    void trimsSurroundingBlanks() {
        assertThat(DriverVersion.parse(" 570.86.10\n")).hasToString("570.86.10");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "abc", "-1", "570..1", "570.", ".570", "570.86.10.1.2", "570,86", "v570",
            "570.86.10-1", "1234567"})
    void rejectsGarbageWithATypedErrorNamingTheInput(String text) {
        assertThatThrownBy(() -> DriverVersion.parse(text))
                .isInstanceOf(InvalidHardwareException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> DriverVersion.parse(null)).isInstanceOf(InvalidHardwareException.class);
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            "525.60.12, 525.60.13",
            "525.60.9, 525.60.13",
            "99.1, 450.80.02",
            "528.33, 528.100",
            "580, 580.0.1",
            "570.86.10, 580.65",
            "452.39, 452.41",
    })
    void comparesNumericallyPartByPart(String lower, String higher) {
        assertThat(DriverVersion.parse(lower)).isLessThan(DriverVersion.parse(higher));
        assertThat(DriverVersion.parse(higher)).isGreaterThan(DriverVersion.parse(lower));
    }

    @Test
    void missingPartsCountAsZero() {
        assertThat(DriverVersion.parse("580")).isEqualTo(DriverVersion.parse("580.0"))
                .hasSameHashCodeAs(DriverVersion.parse("580.0.0"));
        assertThat(DriverVersion.parse("580").isAtLeast(DriverVersion.parse("580.0"))).isTrue();
    }

    @Test
    void arbitraryStringsYieldAVersionOrTheTypedError() {
        Random random = new Random(11);
        String alphabet = "0123456789..-ab ";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(14);
            for (int index = 0; index < length; index++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                DriverVersion version = DriverVersion.parse(text.toString());
                assertThat(DriverVersion.parse(version.toString())).isEqualTo(version);
            } catch (InvalidHardwareException expected) {
                assertThat(expected.input()).isEqualTo(text.toString());
            }
        }
    }
}
