package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistributionMetadataTest {

    /** The header shape of torch 2.8.0's METADATA (Linux x86_64 wheel), shortened; the description follows it. */
    private static final String TORCH = """
            Metadata-Version: 2.1
            Name: torch
            Version: 2.8.0
            Summary: Tensors and Dynamic neural networks in Python with strong GPU acceleration
            Home-page: https://pytorch.org/
            Author: PyTorch Team
            License: BSD-3-Clause
            Classifier: Programming Language :: Python :: 3.12
            Requires-Python: >=3.9.0
            Description-Content-Type: text/markdown
            License-File: LICENSE
            Requires-Dist: filelock
            Requires-Dist: typing-extensions>=4.10.0
            Requires-Dist: setuptools; python_version >= "3.12"
            Requires-Dist: sympy>=1.13.3
            Requires-Dist: networkx
            Requires-Dist: jinja2
            Requires-Dist: fsspec
            Requires-Dist: nvidia-cuda-nvrtc-cu12==12.8.93; platform_system == "Linux" and platform_machine == "x86_64"
            Requires-Dist: nvidia-cudnn-cu12==9.10.2.21; platform_system == "Linux" and platform_machine == "x86_64"
            Requires-Dist: triton==3.4.0; platform_system == "Linux" and platform_machine == "x86_64"
            Provides-Extra: opt-einsum
            Requires-Dist: opt-einsum>=3.3; extra == "opt-einsum"
            Provides-Extra: optree
            Requires-Dist: optree>=0.13.0; extra == "optree"
            Provides-Extra: pyyaml
            Requires-Dist: pyyaml; extra == "pyyaml"

            ![PyTorch Logo](https://github.com/pytorch/pytorch/raw/main/docs/source/_static/img/pytorch-logo-dark.png)
            Requires-Dist: not-a-header-but-the-description
            """;

    @Test
    void readsTorchsMetadataUpToTheDescription() {
        DistributionMetadata metadata = DistributionMetadata.parse(TORCH);

        assertThat(metadata.name()).isEqualTo("torch");
        assertThat(metadata.version()).isEqualTo(Version.parse("2.8.0"));
        assertThat(metadata.requiresPython()).contains(">=3.9.0");
        assertThat(metadata.providesExtra()).containsExactly("opt-einsum", "optree", "pyyaml");
        assertThat(metadata.requiresDist()).hasSize(13);
        assertThat(metadata.requiresDist()).extracting(Requirement::normalizedName)
                .doesNotContain("not-a-header-but-the-description")
                .startsWith("filelock", "typing-extensions", "setuptools");
        Requirement triton = metadata.requiresDist().get(9);
        assertThat(triton.normalizedName()).isEqualTo("triton");
        assertThat(triton.specifier()).isEqualTo(SpecifierSet.parse("==3.4.0"));
        MarkerEnvironment linux = Target.of(PythonTarget.parse("3.12"), OperatingSystem.LINUX, Architecture.X86_64)
                .markerEnvironment();
        assertThat(triton.appliesTo(linux)).isTrue();
        Requirement optEinsum = metadata.requiresDist().get(10);
        assertThat(optEinsum.marker()).isPresent();
        assertThat(optEinsum.appliesTo(linux)).isFalse(); // only with the extra asked for
    }

    @Test
    void readsTheOldParenthesisedFormAndFieldNamesInAnyCase() {
        DistributionMetadata metadata = DistributionMetadata.parse(
                "metadata-version: 1.2\r\nNAME: Old_Package\r\nversion: 1.0.post1\r\n"
                        + "requires-dist: torch (>=1.0,<2.0)\r\nRequires-Dist: numpy (==1.21.0) ; python_version < \"3.10\"\r\n");

        assertThat(metadata.name()).isEqualTo("Old_Package");
        assertThat(metadata.version()).isEqualTo(Version.parse("1.0.post1"));
        assertThat(metadata.requiresDist()).extracting(Requirement::specifier)
                .containsExactly(SpecifierSet.parse(">=1.0,<2.0"), SpecifierSet.parse("==1.21.0"));
        assertThat(metadata.requiresPython()).isEmpty();
        assertThat(metadata.providesExtra()).isEmpty();
    }

    @Test
    void joinsContinuationLinesToTheirField() {
        DistributionMetadata metadata = DistributionMetadata.parse("Name: folded\nVersion: 2\n"
                + "Requires-Dist: torch>=2.4;\n\tplatform_system == \"Linux\"\nDescription: line one\n        |line two\n"
                + "Requires-Python:\n  >=3.10\n");

        assertThat(metadata.requiresDist()).hasSize(1);
        assertThat(metadata.requiresDist().get(0).marker().map(Object::toString))
                .contains("platform_system == \"Linux\"");
        assertThat(metadata.requiresPython()).contains(">=3.10");
    }

    @Test
    void normalizesExtrasAndDropsDuplicates() {
        DistributionMetadata metadata = DistributionMetadata.parse(
                "Name: x\nVersion: 1\nProvides-Extra: Opt_Einsum\nProvides-Extra: opt.einsum\nProvides-Extra: CUDA\n");

        assertThat(metadata.providesExtra()).containsExactly("opt-einsum", "cuda");
    }

    @Test
    void anEmptyRequiresPythonIsNone() {
        assertThat(DistributionMetadata.parse("Name: x\nVersion: 1\nRequires-Python: \n").requiresPython())
                .isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
        "",
        "\nName: x\nVersion: 1\n",
        "Name: x\n",
        "Version: 1.0\n",
        "Name: x\nVersion: not a version\n",
        "Name: x\nVersion: 1\nRequires-Dist: torch>=>2\n",
        "Name: x\nVersion: 1\nRequires-Dist: torch; os_name ==\n",
        "Name: x\nVersion: 1\nthis line has no colon\n",
        " Name: x\nVersion: 1\n",
        "Name: x\nVersion: 1\nProvides-Extra: -bad-\n",
        "<!DOCTYPE html>\n<html><body>Just a moment...</body></html>\n",
    })
    void refusesMalformedMetadataWithAPackagingException(String text) {
        assertThatThrownBy(() -> DistributionMetadata.parse(text))
                .isInstanceOf(InvalidMetadataException.class)
                .isInstanceOf(PackagingParseException.class)
                .hasMessageStartingWith("invalid core metadata");
    }

    @Test
    void namesTheRequirementThatDoesNotParse() {
        assertThatThrownBy(() -> DistributionMetadata.parse("Name: x\nVersion: 1\nRequires-Dist: torch>=>2\n"))
                .hasMessageContaining("Requires-Dist: torch>=>2");
    }

    @Test
    void keepsEveryRequirementInOrder() {
        DistributionMetadata metadata = DistributionMetadata.parse(
                "Name: x\nVersion: 1\nRequires-Dist: b\nRequires-Dist: a[extra1]>=1\nRequires-Dist: b\n");

        assertThat(metadata.requiresDist()).extracting(Requirement::toString)
                .isEqualTo(List.of("b", "a[extra1]>=1", "b"));
    }
}
