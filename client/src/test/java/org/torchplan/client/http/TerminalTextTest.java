package org.torchplan.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void controlCharactersAreShownEscaped() {
        assertThat(TerminalText.escape("\u001b[2J\u001b]0;pwned\u0007done")).isEqualTo("\\x1b[2J\\x1b]0;pwned\\x07done");
        assertThat(TerminalText.escape("installed\rtorch 9")).isEqualTo("installed\\x0dtorch 9");
        assertThat(TerminalText.escape("nul\u0000 del\u007f csi\u009b")).isEqualTo("nul\\x00 del\\x7f csi\\x9b");
        assertThat(TerminalText.escape("abc\u202edef")).isEqualTo("abc\\u202edef");
    }

    @Test
    void printableTextNewlinesAndTabsStay() {
        for (String text : new String[] {"torch 2.12.0+cu126", "ünïcode, ✓", "line\none", "tab\tstop", ""}) {
            assertThat(TerminalText.escape(text)).isSameAs(text);
        }
    }
}
