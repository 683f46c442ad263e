package org.torchplan.catalog.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torchplan.catalog.model.CompanionPairing.Match;
import org.torchplan.packaging.Version;

class CompanionPairingTest {

    private CompanionPairing pairing = new CompanionPairing();

    @ParameterizedTest(name = "{0} {1} with torch {2}: {3}")
    @CsvSource({
        "torchvision, 0.15.1, 2.0.0, PAIRED",
        "torchvision, 0.15.2, 2.0.1, PAIRED",
        "torchvision, 0.15.2, 2.0.0, NOT_PAIRED",
        "torchaudio, 2.0.1, 2.0.0, PAIRED",
        "torchaudio, 2.0.2, 2.0.1, PAIRED",
        "torchvision, 0.16.0, 2.1.0, PAIRED",
        "torchvision, 0.16.2+cu121, 2.1.2+cu121, PAIRED",
        "torchvision, 0.20.1, 2.5.1+cpu, PAIRED",
        "torchvision, 0.20.0, 2.5.1, NOT_PAIRED",
        "torchaudio, 2.5.1+rocm6.2, 2.5.1+rocm6.2, PAIRED",
        "torchaudio, 2.5.0, 2.5.1, NOT_PAIRED",
        "torchvision, 0.26.0, 2.11.0, PAIRED",
        "torchaudio, 2.11.0, 2.11.0, PAIRED",
        "torchvision, 0.27.0, 2.12.0, PAIRED",
        "torchaudio, 2.11.0, 2.12.0, NOT_PAIRED",
        "torchvision, 0.15.0, 2.0.0, PAIRED",
        "torchaudio, 2.0.0, 2.0.0, PAIRED",
        "torchvision, 0.14.1, 1.13.1, PAIRED",
        "torchvision, 0.14.1+cu117, 1.13.1+cu117, PAIRED",
        "torchvision, 0.2.0, 1.13.1, NOT_PAIRED",
        "torchvision, 0.13.0, 1.12.0, PAIRED",
        "torchaudio, 0.12.0, 1.12.0, PAIRED",
        "torchvision, 0.14.1, 1.12.0, NOT_PAIRED",
        "torchaudio, 0.13.1, 1.12.0, NOT_PAIRED",
        "torchvision, 0.11.3, 1.10.2, PAIRED",
        "torchaudio, 0.10.2, 1.10.2, PAIRED",
        "torchvision, 0.21.0, 1.10.2, NOT_PAIRED",
        "torchaudio, 2.6.0, 1.10.2, NOT_PAIRED",
        "torchvision, 0.11.0, 1.10.0, PAIRED",
        "torchvision, 0.11.1, 1.10.0, PAIRED",
        "torchvision, 0.9.0, 1.8.0, PAIRED",
        "torchaudio, 0.8.2, 1.8.2, PAIRED",
        "torchvision, 0.28.0, 2.13.0, UNKNOWN",
        "torchvision, 0.27.0, 2.13.0, NOT_PAIRED",
        "torchaudio, 2.11.0+cu126, 2.13.0+cu126, NOT_PAIRED",
        "torchvision, 0.8.2, 1.7.1, UNKNOWN",
        "torchvision, 0.23.0, 1.7.1, NOT_PAIRED",
        "torchcodec, 0.8.0, 2.9.0, UNKNOWN",
    })
    void pairsFromTheReleaseTableAndNeverGuesses(String companion, String companionVersion, String torch, Match expected) {
        assertThat(pairing.match(companion, Version.parse(companionVersion), Version.parse(torch))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with torch {1}: {2}")
    @CsvSource({
        "0.27.0.dev20260518+cu126, 2.12.0.dev20260518+cu126, PAIRED",
        "0.27.0.dev20260517+cu126, 2.12.0.dev20260518+cu126, NOT_PAIRED",
        "0.27.0.dev20260518, 2.11.0, NOT_PAIRED",
        "0.26.0, 2.12.0.dev20260518, NOT_PAIRED",
    })
    void pairsNightliesByBuildDate(String torchvision, String torch, Match expected) {
        assertThat(pairing.match("torchvision", Version.parse(torchvision), Version.parse(torch))).isEqualTo(expected);
    }

    @Test
    void metadataPinOverridesTheTableAndCoversOtherPackages() {
        pairing = pairing.withTorchPin("TorchCodec", Version.parse("0.8.0+cu126"), Version.parse("2.9.0"));
        pairing = pairing.withTorchPin("torchvision", Version.parse("0.26.0"), Version.parse("2.11.1"));

        assertThat(pairing.match("torchcodec", Version.parse("0.8.0"), Version.parse("2.9.0+cu126")))
                .isEqualTo(Match.PAIRED);
        assertThat(pairing.match("torchcodec", Version.parse("0.8.0"), Version.parse("2.9.1")))
                .isEqualTo(Match.NOT_PAIRED);
        assertThat(pairing.match("torchvision", Version.parse("0.26.0"), Version.parse("2.11.0")))
                .isEqualTo(Match.NOT_PAIRED);
        assertThat(pairing.knows("torchcodec", Version.parse("0.8.0"))).isTrue();
    }

    @Test
    void aReleaseWhoseMetadataPinsNoTorchFallsBackToTheTable() {
        pairing = pairing.withTorchPin("torchvision", Version.parse("0.16.0"), null);

        assertThat(pairing.match("torchvision", Version.parse("0.16.0"), Version.parse("2.1.0")))
                .isEqualTo(Match.PAIRED);
        assertThat(pairing.knows("torchvision", Version.parse("0.16.0"))).isTrue();
    }
}
