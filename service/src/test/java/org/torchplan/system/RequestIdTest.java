package org.torchplan.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdTest {

    static Stream<Arguments> acceptedHeaders() {
        return Stream.of(
                Arguments.of("0b6c1f7e-2d0a-4c0e-9a51-3f7f1c1d2e3f", "0b6c1f7e-2d0a-4c0e-9a51-3f7f1c1d2e3f"),
                Arguments.of("01HZX3K8Q4Y2M5N6P7R8S9T0VW", "01HZX3K8Q4Y2M5N6P7R8S9T0VW"),
                Arguments.of("lb.edge-1:42_a", "lb.edge-1:42_a"),
                Arguments.of("  padded-id  ", "padded-id"),
                Arguments.of("a".repeat(RequestId.MAX_LENGTH), "a".repeat(RequestId.MAX_LENGTH)));
    }

    @ParameterizedTest
    @MethodSource("acceptedHeaders")
    void acceptsShortIdsOfSafeCharacters(String header, String expected) {
        assertThat(RequestId.fromHeader(header)).contains(new RequestId(expected));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "   ",
        "has space",
        "line\nbreak",
        "carriage\rreturn",
        "quote\"d",
        "semi;colon",
        "<script>",
        "-leading-dash",
        "ünïcode",
        "slash/path",
    })
    void rejectsUnsafeOrEmptyIds(String header) {
        assertThat(RequestId.fromHeader(header)).isEmpty();
    }

    @Test
    void rejectsIdsLongerThanTheLimit() {
        assertThat(RequestId.fromHeader("a".repeat(RequestId.MAX_LENGTH + 1))).isEmpty();
    }

    @Test
    void replacesAnUnsafeHeaderWithAGeneratedId() {
        RequestId id = RequestId.fromHeaderOrGenerate("bad id\r\nX-Injected: 1");

        assertThat(id.value()).doesNotContain("bad").matches("[0-9a-f-]{36}");
    }

    @Test
    void generatesDistinctSafeIds() {
        RequestId first = RequestId.generate();
        RequestId second = RequestId.generate();

        assertThat(first).isNotEqualTo(second);
        assertThat(RequestId.fromHeader(first.value())).contains(first);
    }

    @Test
    void cannotBeBuiltFromAnUnsafeValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RequestId("two words"))
                .withMessageContaining("two words");
    }

    @Test
    void generatesVersion4Uuids() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int round = 0; round < 10_000; round++) {
            java.util.UUID uuid = java.util.UUID.fromString(RequestId.generate().value());
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            seen.add(uuid.toString());
        }
        assertThat(seen).hasSize(10_000);
    }
}
