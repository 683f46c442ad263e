package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WheelFilenameTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "torch-2.5.1+cu124-cp312-cp312-linux_x86_64.whl | torch | 2.5.1+cu124 | | cp312 | cp312 | linux_x86_64",
        "torch-2.8.0-cp313-cp313t-manylinux_2_28_aarch64.whl | torch | 2.8.0 | | cp313 | cp313t | manylinux_2_28_aarch64",
        "TorchCodec-0.1.0+cu118-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl | torchcodec | 0.1.0+cu118 | "
                + "| cp310 | cp310 | manylinux_2_17_x86_64.manylinux2014_x86_64",
        "six-1.16.0-py2.py3-none-any.whl | six | 1.16.0 | | py2.py3 | none | any",
        "triton_rocm-3.1.0-1-cp39-abi3-linux_x86_64.whl | triton-rocm | 3.1.0 | 1 | cp39 | abi3 | linux_x86_64",
        "distribution-1.0-1a_build-py27-none-any.whl | distribution | 1.0 | 1a_build | py27 | none | any",
        "pytorch_triton_xpu-3.5.0+git1b0418a9-cp314-cp314t-win_amd64.whl | pytorch-triton-xpu | 3.5.0+git1b0418a9 | "
                + "| cp314 | cp314t | win_amd64",
        "torch-2.9.0.dev20250801+cpu-cp312-none-macosx_11_0_arm64.whl | torch | 2.9.0.dev20250801+cpu | "
                + "| cp312 | none | macosx_11_0_arm64",
        "numpy-2.0.0-cp312-cp312-macosx_10_9_x86_64.macosx_10_9_universal2.whl | numpy | 2.0.0 | "
                + "| cp312 | cp312 | macosx_10_9_x86_64.macosx_10_9_universal2",
    })
    void parsesEveryField(String filename, String name, String version, String buildTag, String pythonTags,
            String abiTags, String platformTags) {
        WheelFilename wheel = WheelFilename.parse(filename);
        assertThat(wheel.name()).isEqualTo(name);
        assertThat(wheel.version()).isEqualTo(Version.parse(version));
        assertThat(wheel.buildTag()).isEqualTo(java.util.Optional.ofNullable(buildTag));
        assertThat(String.join(".", wheel.pythonTags())).isEqualTo(pythonTags);
        assertThat(String.join(".", wheel.abiTags())).isEqualTo(abiTags);
        assertThat(String.join(".", wheel.platformTags())).isEqualTo(platformTags);
        assertThat(wheel).hasToString(filename);
    }

    @Test
    void expandsCompressedTagSetsInPythonAbiPlatformOrder() {
        WheelFilename wheel = WheelFilename.parse("pkg-1.0-py2.py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
        assertThat(wheel.tags()).containsExactly(
                new Tag("py2", "none", "manylinux_2_17_x86_64"),
                new Tag("py2", "none", "manylinux2014_x86_64"),
                new Tag("py3", "none", "manylinux_2_17_x86_64"),
                new Tag("py3", "none", "manylinux2014_x86_64"));
    }

    @Test
    void tagsAreCaseInsensitiveAsInstallersCompareThem() {
        WheelFilename wheel = WheelFilename.parse("pkg-1.0-CP312-CP312-Win_AMD64.whl");
        assertThat(wheel.tags()).containsExactly(new Tag("cp312", "cp312", "win_amd64"));
        assertThat(wheel).hasToString("pkg-1.0-CP312-CP312-Win_AMD64.whl");
    }

    @Test
    void equalityIsTheFileName() {
        assertThat(WheelFilename.parse("a-1.0-py3-none-any.whl")).isEqualTo(WheelFilename.parse("a-1.0-py3-none-any.whl"))
                .isNotEqualTo(WheelFilename.parse("a-1.0.0-py3-none-any.whl"));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "torch", "torch-2.5.1.tar.gz", "torch-2.5.1-cp312-cp312.whl",
        "torch-2.5.1-x1-cp312-cp312-linux_x86_64.whl", "torch-nope-cp312-cp312-linux_x86_64.whl",
        "torch-2.5.1-cp312-cp312-linux_x86_64..whl", "torch-2.5.1%2Bcu124-cp312-cp312-linux_x86_64.whl"})
    void rejectsMalformedNamesWithATypedErrorNamingTheInput(String filename) {
        assertThatThrownBy(() -> WheelFilename.parse(filename))
                .isInstanceOf(InvalidWheelFilenameException.class)
                .hasMessageContaining("'" + filename + "'");
    }
}
