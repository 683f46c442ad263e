package org.torchplan.catalog.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedOriginsTest {

    private static final AllowedOrigins DEFAULT = AllowedOrigins.forIndex("https://mirror.example/pytorch/whl");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://mirror.example/anything/torch-2.10.0-cp312-cp312-linux_x86_64.whl, true",
        "https://MIRROR.example:443/whl/x.whl, true",
        "https://download.pytorch.org/whl/cu126/torch.whl, true",
        "https://download-r2.pytorch.org/whl/torch.whl, true",
        "http://download.pytorch.org/whl/torch.whl, false",
        "https://mirror.example:8443/whl/x.whl, false",
        "https://evil.example/whl/torch.whl, false",
        "https://download.pytorch.org.evil.example/whl/torch.whl, false",
        "ftp://download.pytorch.org/whl/torch.whl, false",
    })
    void allowsTheIndexOriginAndThePytorchHostsOnly(String url, boolean allowed) {
        assertThat(DEFAULT.allows(url)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "https://files.mirror.example/x.whl, true",
        "https://download.pytorch.org/whl/torch.whl, false",
        "https://mirror.example/x.whl, true",
    })
    void aListReplacesThePytorchHostsButNeverTheIndexOwnOrigin(String url, boolean allowed) {
        AllowedOrigins listed = AllowedOrigins.of("https://mirror.example/whl", List.of("https://files.mirror.example"));

        assertThat(listed.allows(url)).isEqualTo(allowed);
    }

    @org.junit.jupiter.api.Test
    void refusesAnOriginThatIsNoUrl() {
        assertThatThrownBy(() -> AllowedOrigins.of("https://mirror.example/whl", List.of("download.pytorch.org")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("download.pytorch.org");
    }
}
