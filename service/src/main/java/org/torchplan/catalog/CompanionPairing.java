package org.torchplan.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.Version;

/**
 * Says whether a companion release (torchvision, torchaudio, ...) goes with a torch release.
 *
 * <p>Evidence in order of trust: the companion wheel's own {@code Requires-Dist: torch==X} (PEP 658 metadata,
 * fetched once per release, kept forever because wheels are immutable); for nightlies the build date in
 * {@code devYYYYMMDD}; the built-in {@link CompanionReleaseTable}. Without evidence the answer is {@code UNKNOWN}.
 */
public class CompanionPairing {

    /** The answer for one (companion, torch) pair. */
    public enum Match {
        PAIRED,
        NOT_PAIRED,
        UNKNOWN
    }

    private static final Pattern NIGHTLY_DATE = Pattern.compile("\\.dev(\\d{8})");

    /** (normalized package, public version) -> the torch version its metadata pins, or "" when it pins none. */
    private final Map<String, String> torchPins = new ConcurrentHashMap<>();

    public Match match(String companionPackage, Version companionVersion, Version torchVersion) {
        String companion = PackageName.normalize(companionPackage);
        Optional<String> companionDate = nightlyDate(companionVersion);
        Optional<String> torchDate = nightlyDate(torchVersion);
        if (companionDate.isPresent() || torchDate.isPresent()) {
            if (companionDate.isPresent() && torchDate.isPresent()) {
                return companionDate.get().equals(torchDate.get()) ? Match.PAIRED : Match.NOT_PAIRED;
            }
            return Match.NOT_PAIRED;
        }
        String pin = torchPins.get(key(companion, companionVersion));
        if (pin != null && !pin.isEmpty()) {
            return Version.parse(pin).publicVersion().equals(torchVersion.publicVersion())
                    ? Match.PAIRED
                    : Match.NOT_PAIRED;
        }
        if (!CompanionReleaseTable.covers(companion)) {
            return Match.UNKNOWN;
        }
        Optional<String> expected = CompanionReleaseTable.companionFor(
                companion, torchVersion.major(), torchVersion.minor(), torchVersion.micro());
        if (expected == null) {
            return Match.UNKNOWN;
        }
        return expected.isPresent() && Version.parse(expected.get()).equals(companionVersion.baseVersion())
                ? Match.PAIRED
                : Match.NOT_PAIRED;
    }

    /** Records what a companion release's metadata pins torch to ({@code null}: it pins no single torch). */
    public void recordTorchPin(String companionPackage, Version companionVersion, Version pinnedTorch) {
        torchPins.put(key(PackageName.normalize(companionPackage), companionVersion),
                pinnedTorch == null ? "" : pinnedTorch.toString());
    }

    /** Whether the metadata of this release was already read (with or without a pin). */
    public boolean knows(String companionPackage, Version companionVersion) {
        return torchPins.containsKey(key(PackageName.normalize(companionPackage), companionVersion));
    }

    /** The recorded pins, for persistence: key {@code package==version}, value the pinned torch or "". */
    Map<String, String> pins() {
        return Map.copyOf(torchPins);
    }

    void restorePins(Map<String, String> pins) {
        torchPins.putAll(pins);
    }

    static String key(String normalizedPackage, Version version) {
        return normalizedPackage + "==" + version.publicVersion();
    }

    private static Optional<String> nightlyDate(Version version) {
        if (!version.isDevrelease()) {
            return Optional.empty();
        }
        Matcher matcher = NIGHTLY_DATE.matcher(version.toString());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
