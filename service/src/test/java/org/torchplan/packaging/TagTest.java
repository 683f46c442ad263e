package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagTest {

    @Test
    void parsesAndPrintsOneTag() {
        Tag tag = Tag.parse("cp313-cp313t-manylinux_2_28_x86_64");
        assertThat(tag.interpreter()).isEqualTo("cp313");
        assertThat(tag.abi()).isEqualTo("cp313t");
        assertThat(tag.platform()).isEqualTo("manylinux_2_28_x86_64");
        assertThat(tag).hasToString("cp313-cp313t-manylinux_2_28_x86_64");
    }

    @Test
    void equalityIgnoresCaseAndAgreesWithHashCode() {
        Tag upper = new Tag("CP312", "ABI3", "Win_AMD64");
        Tag lower = new Tag("cp312", "abi3", "win_amd64");
        assertThat(upper).isEqualTo(lower).hasSameHashCodeAs(lower);
        assertThat(upper).isNotEqualTo(new Tag("cp312", "abi3", "win_arm64"))
                .isNotEqualTo(new Tag("cp312", "none", "win_amd64"))
                .isNotEqualTo(new Tag("cp311", "abi3", "win_amd64"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "cp312", "cp312-cp312", "cp312-cp312-linux_x86_64-extra", "cp312--any",
        "py2.py3-none-any", "cp312-cp312-linux x86_64"})
    void rejectsAnythingButOneTagWithTheTypedError(String input) {
        assertThatThrownBy(() -> Tag.parse(input)).isInstanceOf(InvalidTagException.class)
                .hasMessageContaining("'" + input + "'");
    }
}
