package org.torchplan.catalog.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonIndexParserTest {

    private static final String PAGE = """
            {
              "meta": {"api-version": "1.1"},
              "name": "torchtune",
              "files": [
                {"filename": "torchtune-0.6.0+cu126-py3-none-any.whl",
                 "url": "https://download.pytorch.org/whl/cu126/torchtune-0.6.0%2Bcu126-py3-none-any.whl",
                 "hashes": {"sha256": "42779823B4AB0E116CB63C2E39C9FC99192B4010E4397FFC321364EABE4448B3"},
                 "core-metadata": {"sha256": "011D7F5B0011D7F5B0011D7F5B0011D7F5B0011D7F5B0011D7F5B0011D7F5B00"},
                 "upload-time": "2025-03-27T20:32:31.123456Z",
                 "yanked": false},
                {"filename": "torchtune-0.5.0-py3-none-any.whl",
                 "url": "../../files/torchtune-0.5.0-py3-none-any.whl",
                 "hashes": {},
                 "requires-python": ">=3.9",
                 "dist-info-metadata": true,
                 "yanked": "security issue"},
                {"filename": "torchtune-0.4.0.tar.gz", "url": "torchtune-0.4.0.tar.gz", "hashes": {},
                 "yanked": true},
                {"filename": "no-url"}
              ]
            }
            """;

    @Test
    void readsAPep691Page() {
        ParsedPage page = JsonIndexParser.parse("https://mirror.example/simple/cu126/torchtune/", PAGE);

        assertThat(page.skipped()).isEqualTo(1);
        assertThat(page.links()).hasSize(3);
        IndexLink first = page.links().get(0);
        assertThat(first.url())
                .isEqualTo("https://download.pytorch.org/whl/cu126/torchtune-0.6.0%2Bcu126-py3-none-any.whl");
        assertThat(first.fileName()).isEqualTo("torchtune-0.6.0+cu126-py3-none-any.whl");
        assertThat(first.sha256()).isEqualTo("42779823b4ab0e116cb63c2e39c9fc99192b4010e4397ffc321364eabe4448b3");
        assertThat(first.hasCoreMetadata()).isTrue();
        assertThat(first.coreMetadataSha256())
                .isEqualTo("011d7f5b0011d7f5b0011d7f5b0011d7f5b0011d7f5b0011d7f5b0011d7f5b00");
        assertThat(first.uploadTime()).isEqualTo(Instant.parse("2025-03-27T20:32:31.123456Z"));
        assertThat(first.yanked()).isNull();
        IndexLink second = page.links().get(1);
        assertThat(second.url()).isEqualTo("https://mirror.example/simple/files/torchtune-0.5.0-py3-none-any.whl");
        assertThat(second.requiresPython()).isEqualTo(">=3.9");
        assertThat(second.hasCoreMetadata()).isTrue();
        assertThat(second.coreMetadataSha256()).isNull();
        assertThat(second.yanked()).isEqualTo("security issue");
        assertThat(page.links().get(2).yanked()).isEqualTo("");
    }

    @Test
    void readsTheProjectsOfAJsonListing() {
        assertThat(JsonIndexParser.projects("{\"meta\":{\"api-version\":\"1.0\"},\"projects\":[{\"name\":\"cu126\"},"
                + "{\"name\":\"torch\"}]}")).containsExactly("cu126", "torch");
    }

    @Test
    void rejectsBodiesThatAreNoProjectPage() {
        assertThatThrownBy(() -> JsonIndexParser.parse("https://x/", "<html>challenge</html>"))
                .isInstanceOf(MalformedPageException.class);
        assertThatThrownBy(() -> JsonIndexParser.parse("https://x/", "{\"meta\":{}}"))
                .isInstanceOf(MalformedPageException.class);
    }
}
