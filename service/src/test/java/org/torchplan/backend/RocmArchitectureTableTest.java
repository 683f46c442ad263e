package org.torchplan.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RocmArchitectureTableTest {

    private static final List<ComputeBackend> INDEX_BACKENDS = RecordedIndexBackendsTest.STABLE_FOLDERS.stream()
            .map(ComputeBackend::parse)
            .toList();

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource({
            "gfx900, rocm6.0, YES",
            "gfx906, rocm6.2.4, YES",
            "gfx908, rocm7.2, YES",
            "gfx90a, rocm6.3, YES",
            "gfx942, rocm6.1, YES",
            "gfx1030, rocm7.0, YES",
            "gfx1100, rocm6.0, YES",
            "gfx1100, rocm7.2, YES",
            "gfx1200, rocm6.3, NO",
            "gfx1200, rocm6.4, YES",
            "gfx1201, rocm6.0, NO",
            "gfx1201, rocm7.1, YES",
            "gfx950, rocm6.4, NO",
            "gfx950, rocm7.0, YES",
            "gfx1101, rocm6.4, YES",
            "gfx1101, rocm6.3, UNKNOWN",
            "gfx1102, rocm7.2, YES",
            "gfx90a, rocm5.7, UNKNOWN",
            "gfx90a, rocm7.3, UNKNOWN",
            "gfx1151, rocm7.2, UNKNOWN",
            "gfx803, rocm6.0, UNKNOWN",
    })
    void answersPerArchitectureAndBackend(String architecture, String rocm, Support expected) {
        assertThat(RocmArchitectureTable.support(architecture, ComputeBackend.parse(rocm))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gfx90a", "GFX90A", " gfx90a ", "gfx90a:sramecc+:xnack-", "gfx90a:xnack+"})
    void normalizesRocminfoSpellings(String text) {
        assertThat(RocmArchitectureTable.normalizeArchitecture(text)).isEqualTo("gfx90a");
        assertThat(RocmArchitectureTable.support(text, ComputeBackend.parse("rocm6.4"))).isEqualTo(Support.YES);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "90a", "gfx", "gfx9", "gfxzz0", "navi31", "gfx90a::", "gfx1100 gfx1101"})
    void rejectsNonArchitecturesWithTheTypedError(String text) {
        assertThatThrownBy(() -> RocmArchitectureTable.normalizeArchitecture(text))
                .isInstanceOf(InvalidHardwareException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void listsTheCarryingBackendsNewestFirst() {
        assertThat(RocmArchitectureTable.backendsCarrying("gfx1201", INDEX_BACKENDS))
                .extracting(ComputeBackend::toString)
                .containsExactly("rocm7.2", "rocm7.1", "rocm7.0", "rocm6.4");
        assertThat(RocmArchitectureTable.backendsCarrying("gfx90a", INDEX_BACKENDS))
                .extracting(ComputeBackend::toString)
                .containsExactly("rocm7.2", "rocm7.1", "rocm7.0", "rocm6.4", "rocm6.3", "rocm6.2.4", "rocm6.2",
                        "rocm6.1", "rocm6.0");
    }

    @Test
    void listsEveryArchitectureItHasARowFor() {
        assertThat(RocmArchitectureTable.architectures())
                .contains("gfx90a", "gfx942", "gfx950", "gfx1100", "gfx1201")
                .doesNotHaveDuplicates()
                .allSatisfy(architecture -> assertThat(RocmArchitectureTable.firstCarrying(architecture)).isPresent());
    }

    @Test
    void anArchitectureOutsideTheTableHasNoCarryingBackend() {
        assertThat(RocmArchitectureTable.backendsCarrying("gfx803", INDEX_BACKENDS)).isEmpty();
        assertThat(RocmArchitectureTable.firstCarrying("gfx803")).isEmpty();
    }

    @Test
    void rejectsANonRocmBackend() {
        assertThatThrownBy(() -> RocmArchitectureTable.support("gfx90a", ComputeBackend.parse("cu126")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
