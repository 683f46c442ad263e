package org.torchplan.catalog.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torchplan.packaging.Version;

class CoreMetadataTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "Requires-Dist: torch==2.10.0|2.10.0",
        "Requires-Dist: torch (==2.0.0)|2.0.0",
        "requires-dist: torch === 2.5.1+cu124 ; platform_system == 'Linux'|2.5.1+cu124",
        "Requires-Dist: torch>=2.0|none",
        "Requires-Dist: torchaudio==2.10.0|none",
        "Requires-Dist: numpy|none",
    })
    void readsAnExactTorchPin(String header, String expected) {
        String metadata = "Metadata-Version: 2.1\nName: torchvision\nVersion: 0.25.0\n" + header + "\n\nlong description\n";

        Optional<Version> pin = CoreMetadata.torchPin(metadata);

        assertThat(pin.map(Version::toString).orElse(null)).isEqualTo(expected);
    }

    @Test
    void ignoresPinsInTheDescription() {
        String metadata = "Name: torchvision\n\nRequires-Dist: torch==2.10.0\n";

        assertThat(CoreMetadata.torchPin(metadata)).isEmpty();
    }
}
