package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Every wheel file name published on the PyTorch indices (recorded 2026-05-19: stable, test and nightly
 * channels, every backend and package) must parse, round-trip and carry a recognizable backend label.
 *
 * <p>The resource {@code packaging/pytorch-wheel-names.txt.gz} holds the unique link texts of all
 * {@code index.html} pages of the recorded mirror; regenerate it with
 * {@code scripts/extract-wheel-names.sh <mirror>/whl}. The companion {@code junk-wheel-names.txt} holds the
 * mirror's non-wheel link texts and crafted junk, each of which must be refused with the typed error.
 */
class PytorchWheelNamesConformanceTest {

    /**
     * The local labels PyTorch uses: a backend, a ROCm build with its full version, or a source hash (triton,
     * xformers; optionally with a setuptools-scm {@code .dYYYYMMDD} date).
     */
    private static final Pattern CUDA = Pattern.compile("cu[0-9]{2,3}");
    private static final Pattern ROCM = Pattern.compile("rocm[0-9]+(\\.[0-9]+)+(\\.[0-9a-f]+)?");
    private static final Pattern GIT = Pattern.compile("(?:git)?[0-9a-f]{7,40}(?:\\.d[0-9]{8})?");

    @Test
    void everyPublishedWheelNameParsesAndRoundTrips() {
        List<String> names = lines("packaging/pytorch-wheel-names.txt.gz");
        assertThat(names).hasSizeGreaterThan(40_000);
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            try {
                WheelFilename wheel = WheelFilename.parse(name);
                if (!wheel.toString().equals(name) || wheel.tags().isEmpty()) {
                    failures.add(name + ": does not round-trip");
                } else if (backendClass(wheel.version()) == null) {
                    failures.add(name + ": unrecognized local label " + wheel.version().local());
                }
            } catch (InvalidWheelFilenameException invalid) {
                failures.add(invalid.getMessage());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyBackendClassOccursInTheData() {
        List<String> classes = lines("packaging/pytorch-wheel-names.txt.gz").stream()
                .map(name -> backendClass(WheelFilename.parse(name).version()))
                .distinct()
                .toList();
        assertThat(classes).containsExactlyInAnyOrder("cuda", "rocm", "xpu", "cpu", "git", "none");
    }

    @Test
    void junkIsRejectedWithTheTypedErrorOnly() {
        List<String> junk = lines("packaging/junk-wheel-names.txt").stream()
                .filter(line -> !line.isBlank() && !line.startsWith("# "))
                .toList();
        assertThat(junk).hasSizeGreaterThan(100);
        List<String> accepted = new ArrayList<>();
        for (String line : junk) {
            try {
                WheelFilename.parse(line);
                accepted.add(line);
            } catch (InvalidWheelFilenameException expected) {
                assertThat(expected.input()).isEqualTo(line);
            }
        }
        assertThat(accepted).as("junk accepted as wheel names").isEmpty();
    }

    @Test
    void nonWheelLinkTextsAreRefusedAsWellAsCraftedJunk() {
        List<String> junk = lines("packaging/junk-wheel-names.txt");
        assertThat(junk).contains("cu124", "rocm6.2.4", "torch", "torch/index.html");
    }

    /** {@code cuda}, {@code rocm}, {@code xpu}, {@code cpu}, {@code git} (a source hash), {@code none}; null when unknown. */
    static String backendClass(Version version) {
        String local = version.local();
        if (local == null) {
            return "none";
        }
        if (CUDA.matcher(local).matches()) {
            return "cuda";
        }
        if (ROCM.matcher(local).matches()) {
            return "rocm";
        }
        if (local.equals("xpu") || local.equals("cpu")) {
            return local;
        }
        return GIT.matcher(local).matches() ? "git" : null;
    }

    static List<String> lines(String resource) {
        try (InputStream raw = Objects.requireNonNull(
                PytorchWheelNamesConformanceTest.class.getClassLoader().getResourceAsStream(resource), resource);
                InputStream input = resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
                BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
