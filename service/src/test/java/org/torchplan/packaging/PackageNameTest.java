package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackageNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"torch, torch", "Torch, torch", "torch_vision, torch-vision", "torch.vision, torch-vision",
        "torch--vision, torch-vision", "Torch_-.Vision, torch-vision", "TorchCodec, torchcodec",
        "pytorch_triton_rocm, pytorch-triton-rocm", "nvidia-cuda-runtime-cu12, nvidia-cuda-runtime-cu12",
        "zope.interface, zope-interface"})
    void normalizesAsPep503(String name, String normalized) {
        assertThat(PackageName.normalize(name)).isEqualTo(normalized);
    }
}
