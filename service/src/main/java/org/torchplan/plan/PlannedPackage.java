package org.torchplan.plan;

import java.util.List;
import java.util.Objects;

/**
 * One PyTorch package of a plan, pinned to an exact version.
 *
 * @param name the normalized package name
 * @param version the exact version, with its local label where the wheel has one ({@code 2.12.0+cu126})
 * @param filename the wheel pip will pick for the target
 * @param url where that wheel is
 * @param sha256 its digest, or null when the index does not publish one
 * @param pin the requirement that installs exactly this version, with the extras asked for ({@code torch==2.12.0+cu126})
 * @param acceptableSha256 the digests of every file of this exact version on the index that installs on the target:
 *     a hash-checking requirements file must list them all, since pip may pick any of them for the pin
 */
public record PlannedPackage(
        String name,
        String version,
        String filename,
        String url,
        String sha256,
        String pin,
        List<String> acceptableSha256) {

    public PlannedPackage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(pin, "pin");
        acceptableSha256 = List.copyOf(acceptableSha256);
    }
}
