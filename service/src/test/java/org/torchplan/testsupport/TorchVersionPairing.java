package org.torchplan.testsupport;

/** Which torch version a companion build requires, for the {@code Requires-Dist} of generated wheels. */
@FunctionalInterface
public interface TorchVersionPairing {

    /** Pairs nothing: every generated wheel stands alone. */
    TorchVersionPairing NONE = (packageName, version) -> null;

    /**
     * @param packageName PEP 503 normalized name ({@code torchvision})
     * @param version     the version as in the wheel file name ({@code 0.27.0+cu126}, {@code 0.27.0.dev20260320+cu128})
     * @return the torch version to pin with {@code ==} (no local label, so every backend's build matches), or null
     *         when the build pairs with no particular torch
     */
    String pairedTorchVersion(String packageName, String version);
}
