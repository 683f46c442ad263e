package org.torchplan.testsupport;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PyTorch release compatibility matrix (pytorch/vision and pytorch/audio READMEs, "Installation"):
 * torch 2.0.0 shipped with torchvision 0.15.1 / torchaudio 2.0.1 and torch 2.0.1 with 0.15.2 / 2.0.2; since
 * torch 2.1 every torch 2.N.p pairs with torchvision 0.(N+15).p and torchaudio 2.N.p (2.12.0 with torchvision
 * 0.27.0). The first builds of the 2.0 series on the index, torchvision 0.15.0 and torchaudio 2.0.0, were built
 * for torch 2.0.0. Before 2.0, torchvision 0.(N+1) went with torch 1.N and torchaudio 0.N with torch 1.N; their
 * micro releases did not always line up (torchvision 0.11.3 with torch 1.10.2), so those pair by series
 * ({@code torch==1.13.*}). Nightlies pair by their {@code devYYYYMMDD} date. The service keeps its own table; this
 * one only decides what generated wheels declare, the way the real companion wheels do: none of them installs
 * with any torch, or pip would pair a new torch with an ancient companion that no real index lets it pick.
 */
public final class PytorchReleaseMatrix implements TorchVersionPairing {

    /** torchvision minor minus torch minor, from torch 2.1 on. */
    private static final int TORCHVISION_MINOR_OFFSET = 15;

    /** The 2.0 series broke the pattern: companion release -> torch release. */
    private static final Map<String, String> TORCHVISION_2_0 =
            Map.of("0.15.0", "2.0.0", "0.15.1", "2.0.0", "0.15.2", "2.0.1");
    private static final Map<String, String> TORCHAUDIO_2_0 =
            Map.of("2.0.0", "2.0.0", "2.0.1", "2.0.0", "2.0.2", "2.0.1");
    /** The 1.x series pair by series from torch 1.5 (torchvision 0.6, torchaudio 0.5) on; older ones stand alone. */
    private static final int OLDEST_SERIES_PAIRED_TORCH_MINOR = 5;
    private static final int NEWEST_1_X_TORCH_MINOR = 13;

    /** release {@code X.Y.Z}, an optional {@code .devDATE} (nightly), an optional local label (ignored). */
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(\\.dev\\d{8})?(\\+[A-Za-z0-9.]+)?");

    @Override
    public String pairedTorchVersion(String packageName, String version) {
        Matcher matcher = VERSION.matcher(version);
        if (!matcher.matches()) {
            return null;
        }
        int major = Integer.parseInt(matcher.group(1));
        int minor = Integer.parseInt(matcher.group(2));
        int micro = Integer.parseInt(matcher.group(3));
        String nightly = matcher.group(4) == null ? "" : matcher.group(4);
        String release = major + "." + minor + "." + micro;
        return switch (packageName) {
            case "torchvision" -> {
                if (major != 0) {
                    yield null;
                }
                if (minor < TORCHVISION_MINOR_OFFSET) {
                    yield nightly.isEmpty() ? torch1Series(minor - 1) : null;
                }
                if (minor == TORCHVISION_MINOR_OFFSET) {
                    yield nightly.isEmpty() ? TORCHVISION_2_0.get(release) : null;
                }
                yield "2." + (minor - TORCHVISION_MINOR_OFFSET) + "." + micro + nightly;
            }
            case "torchaudio" -> {
                if (major == 0) {
                    yield nightly.isEmpty() ? torch1Series(minor) : null;
                }
                if (major != 2) {
                    yield null;
                }
                if (minor == 0) {
                    yield nightly.isEmpty() ? TORCHAUDIO_2_0.get(release) : null;
                }
                yield release + nightly;
            }
            default -> null;
        };
    }

    /** {@code 1.N.*} for the torch 1.x series a pre-2.0 companion was built for, or null outside 1.5 to 1.13. */
    private static String torch1Series(int torchMinor) {
        return torchMinor >= OLDEST_SERIES_PAIRED_TORCH_MINOR && torchMinor <= NEWEST_1_X_TORCH_MINOR
                ? "1." + torchMinor + ".*"
                : null;
    }
}
