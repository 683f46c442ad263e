package org.torchplan.catalog;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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

    /** Nightly dev numbers are build dates, YYYYMMDD. */
    private static final long FIRST_NIGHTLY_DATE = 2000_01_01L;
    private static final long LAST_NIGHTLY_DATE = 9999_12_31L;

    /** (normalized package, public version) -> the torch version its metadata pins, or "" when it pins none. */
    private final Map<String, String> torchPins = new ConcurrentHashMap<>();

    /** The release table's answers, memoized: the table is fixed and plans ask it for every candidate. */
    private final Map<TableQuestion, TableAnswer> tableAnswers = new ConcurrentHashMap<>();

    public Match match(String companionPackage, Version companionVersion, Version torchVersion) {
        String companion = PackageName.normalize(companionPackage);
        long companionDate = nightlyDate(companionVersion);
        long torchDate = nightlyDate(torchVersion);
        if (companionDate >= 0 || torchDate >= 0) {
            return companionDate == torchDate ? Match.PAIRED : Match.NOT_PAIRED;
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
        TableAnswer answer = tableAnswers.computeIfAbsent(
                new TableQuestion(companion, torchVersion.major(), torchVersion.minor(), torchVersion.micro()),
                TableAnswer::of);
        if (!answer.covered()) {
            return Match.UNKNOWN;
        }
        return companionVersion.baseVersion().equals(answer.companion()) ? Match.PAIRED : Match.NOT_PAIRED;
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

    /** The build date of a nightly ({@code .devYYYYMMDD}), or -1 for anything else. */
    private static long nightlyDate(Version version) {
        long dev = version.devNumber();
        return dev >= FIRST_NIGHTLY_DATE && dev <= LAST_NIGHTLY_DATE ? dev : -1;
    }

    /** A question to the release table; its answers are memoized (the table is fixed, plans ask it often). */
    private record TableQuestion(String companion, int major, int minor, int micro) {}

    /** {@code covered}: the table knows this torch release; {@code companion}: its release, null if none was made. */
    private record TableAnswer(boolean covered, Version companion) {

        static TableAnswer of(TableQuestion question) {
            Optional<String> release = CompanionReleaseTable.companionFor(
                    question.companion(), question.major(), question.minor(), question.micro());
            if (release == null) {
                return new TableAnswer(false, null);
            }
            return new TableAnswer(true, release.map(Version::parse).orElse(null));
        }
    }
}
