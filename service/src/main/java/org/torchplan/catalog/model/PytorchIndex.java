package org.torchplan.catalog.model;

import java.util.List;

/** Facts about the PyTorch index itself, each the one place the service states it. */
public final class PytorchIndex {

    /** The index root; the default of {@code torchplan.index.url}. */
    public static final String ROOT_URL = "https://download.pytorch.org/whl";

    /**
     * The packages the index publishes per compute backend, which a plan takes from the PyTorch index and never
     * from PyPI: torch, its companions, and the builds that must match them. The default of
     * {@code torchplan.catalog.packages}; {@code additional-packages} extends it without repeating it. Source: the
     * project folders of {@link #ROOT_URL} (recorded 2026-05-19) that carry backend-labelled builds.
     */
    public static final List<String> PACKAGES = List.of(
            "torch", "torchvision", "torchaudio", "torchcodec", "torchao", "torchdata", "torchtext", "torchrec",
            "torchtune", "torchcsprng", "torch-tensorrt", "fbgemm-gpu", "fbgemm-gpu-genai", "triton",
            "pytorch-triton", "pytorch-triton-rocm", "pytorch-triton-xpu", "triton-rocm", "triton-xpu", "xformers",
            "torchserve", "executorch");

    private PytorchIndex() {}
}
