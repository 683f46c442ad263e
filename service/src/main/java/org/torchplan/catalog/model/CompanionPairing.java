package org.torchplan.catalog.model;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.Version;

/**
 * Says whether a companion release (torchvision, torchaudio, ...) goes with a torch release.
 *
 * <p>Evidence in order of trust: the companion wheel's own {@code Requires-Dist: torch==X} (PEP 658 metadata,
 * fetched once per release, kept forever because wheels are immutable); for nightlies the build date in
 * {@code devYYYYMMDD}; the built-in {@link CompanionReleaseTable}. Without evidence the answer is {@code UNKNOWN},
 * and the planner then treats the pair as not paired: it never guesses.
 *
 * <p>Immutable: a pin read from metadata makes a new pairing ({@link #withTorchPin}), so a plan's snapshot never
 * changes under it. The release table's answers are memoized once for all pairings (the table is fixed data).
 */
public final class CompanionPairing {

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
    private final Map<String, String> torchPins;

    /** The release table's answers, memoized: the table is fixed and plans ask it for every candidate. */
    private static final Map<TableQuestion, TableAnswer> TABLE_ANSWERS = new ConcurrentHashMap<>();
    /** Whether the table places a companion release (the question's version) with some torch release. */
    private static final Map<TableQuestion, Boolean> TABLED_RELEASES = new ConcurrentHashMap<>();

    /** No pins read yet: the release table and the nightly rule only. */
    public CompanionPairing() {
        this(Map.of());
    }

    /** @param torchPins key {@code package==version}, value the pinned torch or "" (see {@link #pins()}) */
    public CompanionPairing(Map<String, String> torchPins) {
        this.torchPins = Map.copyOf(torchPins);
    }

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
        TableAnswer answer = TABLE_ANSWERS.computeIfAbsent(
                new TableQuestion(companion, torchVersion.major(), torchVersion.minor(), torchVersion.micro()),
                TableAnswer::of);
        if (answer.covered()) {
            return answer.releases().contains(companionVersion.baseVersion()) ? Match.PAIRED : Match.NOT_PAIRED;
        }
        // no row for this torch; a companion release the table places with another torch still does not go with it
        boolean tabled = TABLED_RELEASES.computeIfAbsent(new TableQuestion(companion, companionVersion.major(),
                companionVersion.minor(), companionVersion.micro()), TableAnswer::tabled);
        return tabled ? Match.NOT_PAIRED : Match.UNKNOWN;
    }

    /** This pairing and what a companion release's metadata pins torch to ({@code null}: no single torch). */
    public CompanionPairing withTorchPin(String companionPackage, Version companionVersion, Version pinnedTorch) {
        Map<String, String> pins = new java.util.HashMap<>(torchPins);
        pins.put(key(PackageName.normalize(companionPackage), companionVersion),
                pinnedTorch == null ? "" : pinnedTorch.toString());
        return new CompanionPairing(pins);
    }

    /** Whether the metadata of this release was already read (with or without a pin). */
    public boolean knows(String companionPackage, Version companionVersion) {
        return torchPins.containsKey(key(PackageName.normalize(companionPackage), companionVersion));
    }

    /** The recorded pins, for persistence: key {@code package==version}, value the pinned torch or "". */
    public Map<String, String> pins() {
        return torchPins;
    }

    public static String key(String normalizedPackage, Version version) {
        return normalizedPackage + "==" + version.publicVersion();
    }

    /** The build date of a nightly ({@code .devYYYYMMDD}), or -1 for anything else. */
    private static long nightlyDate(Version version) {
        long dev = version.devNumber();
        return dev >= FIRST_NIGHTLY_DATE && dev <= LAST_NIGHTLY_DATE ? dev : -1;
    }

    /** A question to the release table; its answers are memoized (the table is fixed, plans ask it often). */
    private record TableQuestion(String companion, int major, int minor, int micro) {}

    /** {@code covered}: the table has a row for this torch release; {@code releases}: the companion's releases for it. */
    private record TableAnswer(boolean covered, List<Version> releases) {

        static TableAnswer of(TableQuestion question) {
            List<String> releases = CompanionReleaseTable.releasesFor(
                    question.companion(), question.major(), question.minor(), question.micro());
            if (releases == null) {
                return new TableAnswer(false, List.of());
            }
            return new TableAnswer(true, releases.stream().map(Version::parse).toList());
        }

        /** Whether the table names the question's {@code major.minor.micro} as a release of the companion. */
        static boolean tabled(TableQuestion question) {
            return CompanionReleaseTable.torchReleaseOf(question.companion(),
                    question.major() + "." + question.minor() + "." + question.micro()).isPresent();
        }
    }
}
