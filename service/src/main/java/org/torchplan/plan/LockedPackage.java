package org.torchplan.plan;

import java.util.List;
import java.util.Objects;

/**
 * One distribution of a resolved environment: what a lock file pins, where it comes from and why it is there.
 *
 * @param name the normalized name
 * @param version the exact version (with its local label for a PyTorch build)
 * @param filename the wheel pip takes for the target, or null for an installed distribution that is kept
 * @param url where that wheel is, or null when kept
 * @param sha256 its digest, or null when the index publishes none (or when kept)
 * @param acceptableSha256 the digests of every file of this version that installs on the target
 * @param index {@code pytorch} (the chosen backend's index) or {@code third-party} (PyPI or the policy's mirror)
 * @param requiredBy why it is in the environment: {@code root (timm)}, {@code timm 1.0.15 requires torch>=1.7}
 * @param keptInstalled whether the target's installed copy is kept as it is
 * @param dependenciesKnown false for a PyTorch wheel whose index serves no metadata file: what it requires is not
 *     known, so the environment around it is not complete
 */
public record LockedPackage(
        String name,
        String version,
        String filename,
        String url,
        String sha256,
        List<String> acceptableSha256,
        String index,
        List<String> requiredBy,
        boolean keptInstalled,
        boolean dependenciesKnown) {

    public static final String PYTORCH_INDEX = "pytorch";
    public static final String THIRD_PARTY_INDEX = "third-party";

    public LockedPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(index, "index");
        acceptableSha256 = List.copyOf(acceptableSha256);
        requiredBy = List.copyOf(requiredBy);
    }
}
