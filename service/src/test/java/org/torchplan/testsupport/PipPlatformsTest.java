package org.torchplan.testsupport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PipPlatformsTest {

    @Test
    void x86_64ListsEveryGlibcDownToManylinux1WithLegacyAliasesThenPlainLinux() {
        List<String> platforms = PipPlatforms.linux("2.28", "x86_64");

        assertThat(platforms).startsWith("manylinux_2_28_x86_64", "manylinux_2_27_x86_64")
                .containsSubsequence("manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux_2_16_x86_64")
                .containsSubsequence("manylinux_2_12_x86_64", "manylinux2010_x86_64")
                .endsWith("manylinux_2_5_x86_64", "manylinux1_x86_64", "linux_x86_64")
                .hasSize(24 + 3 + 1);
    }

    @Test
    void aarch64StartsAtGlibc217() {
        assertThat(PipPlatforms.linux("2.17", "aarch64"))
                .containsExactly("manylinux_2_17_aarch64", "manylinux2014_aarch64", "linux_aarch64");
    }

    @Test
    void malformedGlibcOrUnknownArchitectureIsRejected() {
        assertThatThrownBy(() -> PipPlatforms.linux("2", "x86_64")).hasMessageContaining("2");
        assertThatThrownBy(() -> PipPlatforms.linux("2.28", "sparc")).hasMessageContaining("sparc");
    }
}
