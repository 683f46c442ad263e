package org.torchplan.catalog.live;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.torchplan.catalog.model.CompanionPairing;
import org.torchplan.packaging.Version;

/**
 * The current companion pairing. Pairings are immutable: a pin read from metadata replaces the pairing, so the
 * snapshot a plan reads never changes under it; the catalog is told of each change.
 */
public final class PairingHolder {

    private final AtomicReference<CompanionPairing> current;
    private final Runnable onChange;

    public PairingHolder(CompanionPairing initial, Runnable onChange) {
        this.current = new AtomicReference<>(initial);
        this.onChange = onChange;
    }

    public CompanionPairing current() {
        return current.get();
    }

    /** Whether the metadata of this release was already read (with or without a pin). */
    public boolean knows(String companionPackage, Version companionVersion) {
        return current.get().knows(companionPackage, companionVersion);
    }

    /** Records what a companion release's metadata pins torch to ({@code null}: it pins no single torch). */
    public void record(String companionPackage, Version companionVersion, Version pinnedTorch) {
        current.updateAndGet(pairing -> pairing.withTorchPin(companionPackage, companionVersion, pinnedTorch));
        onChange.run();
    }

    /** The pins read so far, for persistence. */
    public Map<String, String> pins() {
        return current.get().pins();
    }
}
