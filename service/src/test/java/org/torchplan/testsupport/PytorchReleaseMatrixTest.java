package org.torchplan.testsupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PytorchReleaseMatrixTest {

    @ParameterizedTest(name = "{0} {1} -> torch {2}")
    @CsvSource(nullValues = "none", textBlock = """
            torchvision, 0.15.1,                        2.0.0
            torchvision, 0.15.2+cu118,                  2.0.1
            torchaudio,  2.0.1,                         2.0.0
            torchaudio,  2.0.2+cpu,                     2.0.1
            torchvision, 0.16.0+cu121,                  2.1.0
            torchvision, 0.20.1+rocm6.2,                2.5.1
            torchvision, 0.24.0+e437e35,                2.9.0
            torchvision, 0.26.0+cu130,                  2.11.0
            torchvision, 0.27.0+cu126,                  2.12.0
            torchaudio,  2.11.0+xpu,                    2.11.0
            torchvision, 0.27.0.dev20260407+cu128,      2.12.0.dev20260407
            torchaudio,  2.12.0.dev20260320+cpu,        2.12.0.dev20260320
            torchvision, 0.15.0+cpu,                    2.0.0
            torchaudio,  2.0.0+cpu,                     2.0.0
            torchvision, 0.14.1+cu117,                  1.13.*
            torchvision, 0.11.3,                        1.10.*
            torchvision, 0.6.0,                         1.5.*
            torchaudio,  0.13.1,                        1.13.*
            torchaudio,  0.5.0,                         1.5.*
            torchvision, 0.5.0,                         none
            torchaudio,  0.4.0,                         none
            torch,       2.12.0+cu126,                  none
            xformers,    0.0.30,                        none
            torchvision, 0.27.0rc1,                     none
            """)
    void companionPairsWithTheTorchOfItsRelease(String packageName, String version, String torchVersion) {
        assertThat(new PytorchReleaseMatrix().pairedTorchVersion(packageName, version)).isEqualTo(torchVersion);
    }
}
