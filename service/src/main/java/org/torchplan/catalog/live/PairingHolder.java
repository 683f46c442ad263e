package org.torchplan.catalog.live;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.torchplan.catalog.model.CompanionPairing;
import org.torchplan.catalog.storage.CompanionPins;
import org.torchplan.packaging.Version;

/**
 * The current companion pairing. Pairings are immutable: a pin read from metadata replaces the pairing, so the
 * snapshot a plan reads never changes under it; the catalog is told of each change. Next to each pin it keeps the
 * sha256 of the metadata file it came from, so a pin is read again when the index declares another file.
 */
public final class PairingHolder {

    private final AtomicReference<CompanionPairing> current;
    private final Map<String, String> metadataDigests;
    private final Runnable onChange;

    public PairingHolder(CompanionPins stored, Runnable onChange) {
        this.current = new AtomicReference<>(new CompanionPairing(stored.torchPins()));
        this.metadataDigests = new ConcurrentHashMap<>(stored.metadataDigests());
        this.onChange = onChange;
    }

    public CompanionPairing current() {
        return current.get();
    }

    /**
     * Whether a release's metadata must be read: never read, or read from a file whose digest the index no longer
     * declares for any file of the release (changed upstream: the pin may be wrong), or read with no digest to check
     * while the index now declares one. With no digest declared there is nothing to compare, so a known pin stays.
     *
     * @param declaredDigests the metadata digests the index now declares for the release's files
     */
    public boolean needsReading(String companionPackage, Version companionVersion, Set<String> declaredDigests) {
        if (!current.get().knows(companionPackage, companionVersion)) {
            return true;
        }
        if (declaredDigests.isEmpty()) {
            return false;
        }
        String readFrom = metadataDigests.getOrDefault(CompanionPairing.key(companionPackage, companionVersion), "");
        return !declaredDigests.contains(readFrom);
    }

    /**
     * Records what a companion release's metadata pins torch to ({@code null}: it pins no single torch), read from a
     * metadata file with the given sha256 ({@code null} when the index declared none).
     */
    public void record(String companionPackage, Version companionVersion, Version pinnedTorch, String metadataSha256) {
        metadataDigests.put(CompanionPairing.key(companionPackage, companionVersion),
                metadataSha256 == null ? "" : metadataSha256);
        current.updateAndGet(pairing -> pairing.withTorchPin(companionPackage, companionVersion, pinnedTorch));
        onChange.run();
    }

    /** The pins read so far with their metadata digests, for persistence. */
    public CompanionPins stored() {
        Map<String, String> pins = current.get().pins();
        Map<String, String> digests = new HashMap<>();
        for (String key : pins.keySet()) {
            digests.put(key, metadataDigests.getOrDefault(key, ""));
        }
        return new CompanionPins(pins, digests);
    }

    public boolean isEmpty() {
        return current.get().pins().isEmpty();
    }
}
