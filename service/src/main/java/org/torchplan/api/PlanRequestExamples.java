package org.torchplan.api;

/**
 * The documented example bodies of {@code POST /plan}, one per kind of machine. Each is a valid request that plans
 * on the embedded catalog snapshot alone ({@code PlanExamplesTest} posts every one, offline): PyTorch packages
 * only, since a PyPI requirement needs PyPI to plan. Swagger UI offers them by name.
 */
final class PlanRequestExamples {

    static final String LINUX_NVIDIA = """
            {"requirements": ["torch>=2.4", "torchvision"], "python": "cp312",
             "platform": {"os": "linux", "arch": "x86_64", "glibc": "2.35"},
             "gpu": {"vendor": "nvidia", "driverVersion": "570.86.10", "computeCapability": "8.6"},
             "channel": "stable", "backend": "auto", "strategy": "newest-torch", "installer": "pip"}""";

    static final String LINUX_CPU = """
            {"requirements": ["torch", "torchaudio"], "python": "cp311",
             "platform": {"os": "linux", "arch": "x86_64"}}""";

    static final String LINUX_AMD = """
            {"requirements": ["torch", "torchvision"], "python": "cp312",
             "platform": {"os": "linux", "arch": "x86_64", "glibc": "2.35"},
             "gpu": {"vendor": "amd", "architecture": "gfx90a"}}""";

    static final String LINUX_INTEL = """
            {"requirements": ["torch"], "python": "cp312",
             "platform": {"os": "linux", "arch": "x86_64", "glibc": "2.39"},
             "gpu": {"vendor": "intel"}}""";

    static final String WINDOWS_NVIDIA_UV = """
            {"requirements": ["torch", "torchvision"], "python": "cp313",
             "platform": {"os": "windows", "arch": "x86_64"},
             "gpu": {"vendor": "nvidia", "driverVersion": "572.16"},
             "strategy": "newest-backend", "installer": "uv"}""";

    static final String MACOS = """
            {"requirements": ["torch", "torchvision"], "python": "cp312",
             "platform": {"os": "macos", "arch": "arm64", "macos": "14.0"}}""";

    private PlanRequestExamples() {
    }
}
