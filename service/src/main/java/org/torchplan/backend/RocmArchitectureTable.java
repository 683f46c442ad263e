package org.torchplan.backend;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which PyTorch ROCm backends carry kernels for an AMD GPU architecture. ROCm wheels exist for Linux only;
 * callers check the operating system first.
 *
 * <p>A ROCm build carries exactly the architectures in its {@code PYTORCH_ROCM_ARCH}; a GPU outside that
 * list fails at the first kernel launch, so the answer is per (architecture, backend) and anything the
 * sources below do not establish is {@link Support#UNKNOWN}, never a guess.
 */
public final class RocmArchitectureTable {

    /**
     * Facts are established from {@link #OLDEST_ESTABLISHED} to {@link #NEWEST_ESTABLISHED}; older and newer
     * ROCm backends answer UNKNOWN. A new ROCm release that keeps the list is the one-line change of
     * {@code NEWEST_ESTABLISHED}.
     */
    private static final ComputeBackend OLDEST_ESTABLISHED = ComputeBackend.parse("rocm6.0");
    private static final ComputeBackend NEWEST_ESTABLISHED = ComputeBackend.parse("rocm7.2");

    /**
     * Architecture, first ROCm backend carrying it, first backend from which the answer is established.
     *
     * <p>Sources: torchplan issue 2 (gfx900/906/908/90a/942/1030/1100 in rocm6.0 ... rocm7.2, gfx1200/1201
     * from rocm6.4, gfx950 from rocm7.0); the {@code PYTORCH_ROCM_ARCH} lists of pytorch/pytorch's
     * {@code .ci/docker/manywheel/build.sh} (rocm 6.x/7.x builder images), whose list grew by gfx1101 and
     * gfx1102 together with gfx1200/gfx1201, so those two are established from rocm6.4 only. gfx1103,
     * gfx1150 and gfx1151 appear in later builder lists without a release they first shipped in, and stay
     * UNKNOWN until one is established.
     */
    private static final List<Row> ROWS = List.of(
            new Row("gfx900", "rocm6.0", "rocm6.0"),
            new Row("gfx906", "rocm6.0", "rocm6.0"),
            new Row("gfx908", "rocm6.0", "rocm6.0"),
            new Row("gfx90a", "rocm6.0", "rocm6.0"),
            new Row("gfx942", "rocm6.0", "rocm6.0"),
            new Row("gfx1030", "rocm6.0", "rocm6.0"),
            new Row("gfx1100", "rocm6.0", "rocm6.0"),
            new Row("gfx1101", "rocm6.4", "rocm6.4"),
            new Row("gfx1102", "rocm6.4", "rocm6.4"),
            new Row("gfx1200", "rocm6.4", "rocm6.0"),
            new Row("gfx1201", "rocm6.4", "rocm6.0"),
            new Row("gfx950", "rocm7.0", "rocm6.0"));

    // gfx names are hexadecimal-ish (gfx90a); rocminfo appends target features after colons.
    private static final Pattern ARCHITECTURE = Pattern.compile("(gfx[0-9a-f]{3,5})(?::[a-z0-9_+-]+)*");

    private RocmArchitectureTable() {
    }

    /**
     * Normalizes {@code gfx90a}, {@code GFX90A} or rocminfo's {@code gfx90a:sramecc+:xnack-} to {@code gfx90a}.
     *
     * @throws InvalidHardwareException for anything that is not a gfx architecture name
     */
    public static String normalizeArchitecture(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher matcher = ARCHITECTURE.matcher(trimmed);
        if (!matcher.matches()) {
            throw new InvalidHardwareException("AMD GPU architecture", String.valueOf(text),
                    "a gfx name such as gfx90a, gfx1100 or gfx90a:sramecc+:xnack-");
        }
        return matcher.group(1);
    }

    /**
     * Whether {@code rocm} carries kernels for {@code architecture} (any spelling {@link
     * #normalizeArchitecture} accepts).
     *
     * @throws IllegalArgumentException if {@code rocm} is not a ROCm backend
     */
    public static Support support(String architecture, ComputeBackend rocm) {
        if (!rocm.isRocm()) {
            throw new IllegalArgumentException(rocm + " is not a ROCm backend");
        }
        Optional<Row> row = row(architecture);
        if (row.isEmpty() || rocm.compareTo(NEWEST_ESTABLISHED) > 0 || rocm.compareTo(row.get().establishedFrom()) < 0) {
            return Support.UNKNOWN;
        }
        return rocm.compareTo(row.get().firstCarrying()) >= 0 ? Support.YES : Support.NO;
    }

    /** The ROCm backends among {@code known} established to carry {@code architecture}, newest first. */
    public static List<ComputeBackend> backendsCarrying(String architecture, Collection<ComputeBackend> known) {
        return known.stream()
                .filter(ComputeBackend::isRocm)
                .distinct()
                .filter(rocm -> support(architecture, rocm) == Support.YES)
                .sorted(Comparator.reverseOrder())
                .toList();
    }

    /** Every architecture the table has a row for, in the table's order. */
    public static List<String> architectures() {
        return ROWS.stream().map(Row::architecture).toList();
    }

    /** The first ROCm backend established to carry {@code architecture}, if the table knows one. */
    public static Optional<ComputeBackend> firstCarrying(String architecture) {
        return row(architecture).map(Row::firstCarrying);
    }

    private static Optional<Row> row(String architecture) {
        String normalized = normalizeArchitecture(architecture);
        return ROWS.stream().filter(row -> row.architecture().equals(normalized)).findFirst();
    }

    private record Row(String architecture, ComputeBackend firstCarrying, ComputeBackend establishedFrom) {

        Row(String architecture, String firstCarrying, String establishedFrom) {
            this(architecture, ComputeBackend.parse(firstCarrying), laterOf(ComputeBackend.parse(establishedFrom)));
        }

        private static ComputeBackend laterOf(ComputeBackend establishedFrom) {
            return establishedFrom.compareTo(OLDEST_ESTABLISHED) >= 0 ? establishedFrom : OLDEST_ESTABLISHED;
        }
    }
}
