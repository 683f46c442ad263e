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
}
