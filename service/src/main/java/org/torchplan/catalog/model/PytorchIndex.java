package org.torchplan.catalog.model;

import java.util.List;
import java.util.Set;

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

    /**
     * PyTorch packages whose builds on the PyTorch index are PyPI's own (no local label, one build for every
     * backend): where a backend's index does not list one, PyPI's copy is the same wheel. The torch wheels of
     * download.pytorch.org require {@code triton} on Linux; the recorded cu12x pages do not list it.
     */
    public static final Set<String> SAME_BUILDS_ON_PYPI = Set.of("triton");

    private PytorchIndex() {}
}
