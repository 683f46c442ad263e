package org.torchplan.catalog.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WheelLinksTest {

    private static final String PAGE = "https://download.pytorch.org/whl/cpu/torch/";

    @Test
    void wheelsWithAnUnparseableRequiresPythonAreKeptAndCounted() {
        String html = "<html><body>"
                + "<a href=\"torch-2.10.0%2Bcpu-cp312-cp312-manylinux_2_28_x86_64.whl\" data-requires-python=\"&gt;=3.x\">a</a>"
                + "<a href=\"torch-2.9.1%2Bcpu-cp312-cp312-manylinux_2_28_x86_64.whl\" data-requires-python=\"&gt;=3.10\">b</a>"
                + "</body></html>";

        WheelLinks.Result result = WheelLinks.of("torch", HtmlIndexParser.parse(PAGE, html));

        assertThat(result.files()).hasSize(2);
        assertThat(result.files().get(0).requiresPython()).isEqualTo(">=3.x");
        assertThat(result.unparseableRequiresPython()).isEqualTo(1);
    }

    @Test
    void aJsonPagesRequiresPythonIsReadToo() {
        String json = "{\"meta\":{\"api-version\":\"1.1\"},\"name\":\"torch\",\"files\":[{\"filename\":"
                + "\"torch-2.10.0+cpu-cp312-cp312-manylinux_2_28_x86_64.whl\",\"url\":"
                + "\"torch-2.10.0%2Bcpu-cp312-cp312-manylinux_2_28_x86_64.whl\",\"hashes\":{},"
                + "\"requires-python\":\">=3.99\"}]}";

        WheelLinks.Result result = WheelLinks.of("torch", JsonIndexParser.parse(PAGE, json));

        assertThat(result.files()).singleElement().extracting(file -> file.requiresPython()).isEqualTo(">=3.99");
        assertThat(result.unparseableRequiresPython()).isZero();
    }

    @Test
    void wheelNamesThatDoNotParseAreCountedApartFromOtherLinks() {
        String html = "<html><body>"
                + "<a href=\"torch-2.10.0%2Bcpu-cp312-cp312-manylinux_2_28_x86_64.whl\">ok</a>"
                + "<a href=\"torch-2.11.0%2Bcpu&#0;-cp312-cp312-manylinux_2_28_x86_64.whl\">bad</a>"
                + "<a href=\"torch-2.11.0%2Bcpu&#0;-cp313-cp313-manylinux_2_28_x86_64.whl\">bad</a>"
                + "<a href=\"torch-2.11.0.tar.gz\">sdist</a>"
                + "<a href=\"torchvision-0.26.0-cp312-cp312-manylinux_2_28_x86_64.whl\">other</a>"
                + "</body></html>";

        WheelLinks.Result result = WheelLinks.of("torch", HtmlIndexParser.parse(PAGE, html));

        assertThat(result.files()).hasSize(1);
        assertThat(result.skipped()).isEqualTo(2);
        assertThat(result.unparseableNames().count()).isEqualTo(2);
        assertThat(result.unparseableNames().example()).startsWith("torch-2.11.0+cpu").doesNotContain("\0")
                .endsWith("-cp312-cp312-manylinux_2_28_x86_64.whl");
        assertThat(result.unparseableNames().reason()).contains("2 wheel(s) whose names do not parse")
                .contains(result.unparseableNames().example());
    }

    @Test
    void aPageOfParseableWheelsIsNotSuspect() {
        String html = "<a href=\"torch-2.10.0%2Bcpu-cp312-cp312-manylinux_2_28_x86_64.whl\">ok</a>";

        WheelLinks.Result result = WheelLinks.of("torch", HtmlIndexParser.parse(PAGE, html));

        assertThat(result.unparseableNames()).isEqualTo(WheelLinks.UnparseableNames.NONE);
        assertThat(result.unparseableNames().reason()).isNull();
    }
}
