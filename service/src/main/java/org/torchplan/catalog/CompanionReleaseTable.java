package org.torchplan.catalog;

import java.util.Map;
import java.util.Optional;

/**
 * Which torchvision and torchaudio releases were published for which torch release, for wheels whose index entry
 * offers no PEP 658 metadata to read the pin from.
 *
 * <p>Source: the PyTorch release compatibility matrix (github.com/pytorch/vision README "Installation" table and
 * github.com/pytorch/audio release notes). From torch 2.1 to 2.11 the rule is regular: torch 2.N.x goes with
 * torchvision 0.(N+15).x and torchaudio 2.N.x. torchaudio was not released for torch 2.12.
 */
final class CompanionReleaseTable {

    /** Releases before the regular rule started, and after torchaudio stopped: torch -> companion. */
    private static final Map<String, Map<String, String>> EXCEPTIONS = Map.of(
            "torchvision", Map.of("2.0.0", "0.15.1", "2.0.1", "0.15.2", "2.12.0", "0.27.0"),
            "torchaudio", Map.of("2.0.0", "2.0.1", "2.0.1", "2.0.2"));

    /** Torch releases (major.minor.micro) with no release of the companion at all. */
    private static final Map<String, java.util.Set<String>> NOT_RELEASED = Map.of(
            "torchaudio", java.util.Set.of("2.12.0"));

    /** The minor versions of torch 2.x the regular rule covers. */
    private static final int FIRST_REGULAR_MINOR = 1;
    private static final int LAST_REGULAR_MINOR = 11;

    private CompanionReleaseTable() {}

    /** Whether the table knows the companion package at all (torchvision, torchaudio). */
    static boolean covers(String companionPackage) {
        return EXCEPTIONS.containsKey(companionPackage);
    }

    /**
     * The companion release published for a torch release (major.minor.micro), an empty optional when the table
     * knows it was not released, or null when the table does not cover that torch release.
     */
    static Optional<String> companionFor(String companionPackage, int major, int minor, int micro) {
        String torch = major + "." + minor + "." + micro;
        if (NOT_RELEASED.getOrDefault(companionPackage, java.util.Set.of()).contains(torch)) {
            return Optional.empty();
        }
        String exception = EXCEPTIONS.getOrDefault(companionPackage, Map.of()).get(torch);
        if (exception != null) {
            return Optional.of(exception);
        }
        if (major == 2 && minor >= FIRST_REGULAR_MINOR && minor <= LAST_REGULAR_MINOR) {
            return switch (companionPackage) {
                case "torchvision" -> Optional.of("0." + (minor + 15) + "." + micro);
                case "torchaudio" -> Optional.of(torch);
                default -> null;
            };
        }
        return null;
    }
}
