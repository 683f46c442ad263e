package org.torchplan.catalog.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlEntitiesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "plain|plain",
        "&gt;=3.8|>=3.8",
        "&lt;4&amp;&quot;x&quot;|<4&\"x\"",
        "&#62;&#x3C;&#X3e;|><>",
        "a &unknown; b|a &unknown; b",
        "dangling &|dangling &",
        "&#xZZ;|&#xZZ;",
        "&#1114112;|&#1114112;",
    })
    void decodesCharacterReferences(String escaped, String expected) {
        assertThat(HtmlEntities.unescape(escaped)).isEqualTo(expected);
    }
}
