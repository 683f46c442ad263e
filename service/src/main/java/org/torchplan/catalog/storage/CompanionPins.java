package org.torchplan.catalog.storage;

import java.util.Map;

/**
 * The companion pins as stored: which torch each companion release's metadata pins, and the sha256 of the metadata
 * file each pin was read from, so a refresh can tell when the index now declares another file and read it again.
 *
 * @param torchPins {@code package==version} to the pinned torch, or "" when the metadata pins no single torch
 * @param metadataDigests {@code package==version} to the sha256 of the metadata file read, or "" when the index
 *     declared none (such a pin is read again once the index declares a digest)
 */
public record CompanionPins(Map<String, String> torchPins, Map<String, String> metadataDigests) {

    public static final CompanionPins NONE = new CompanionPins(Map.of(), Map.of());

    public CompanionPins {
        torchPins = Map.copyOf(torchPins);
        metadataDigests = Map.copyOf(metadataDigests);
    }
}
