package org.torchplan.client.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GfxArchitectureTest {

    @Test
    void architecturesOrderAsNumbersNotAsText() {
        List<String> names = List.of("gfx1201", "gfx90a", "gfx1030", "gfx906", "gfx942", "gfx1100", "gfx908", "gfx900");

        List<String> sorted = names.stream().map(name -> GfxArchitecture.parse(name).orElseThrow()).sorted()
                .map(GfxArchitecture::toString).toList();

        // as text gfx1030 < gfx900; as an architecture it is the newer one
        assertThat(sorted).containsExactly("gfx900", "gfx906", "gfx908", "gfx90a", "gfx942", "gfx1030", "gfx1100",
                "gfx1201");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gfx", "gfx9", "gfx90", "gfx90g", "sm_80", "gfx90a:xnack-", ""})
    void anythingElseIsNotAnArchitecture(String text) {
        assertThat(GfxArchitecture.parse(text)).isEqualTo(Optional.empty());
    }
}
