package org.torchplan.backend;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which PyTorch ROCm builds carry kernels for an AMD GPU architecture, per (torch series, ROCm backend). ROCm
 * wheels exist for Linux x86_64 only; callers check the platform first.
 *
 * <p>A ROCm build carries exactly the architectures in its {@code PYTORCH_ROCM_ARCH} (there is no PTX-like
 * fallback: a GPU outside the list fails at the first kernel launch), so the answer is per build, and anything the
 * sources below do not establish is {@link Support#UNKNOWN}, never a guess. AMD's own ROCm compatibility matrix
 * says which GPUs a ROCm release supports at all; what a wheel can run is the narrower list PyTorch builds.
 */
public final class RocmArchitectureTable {

    private static final String BUILDER = "pytorch/builder release/";
    private static final String UV_14086 = "torch.cuda.get_arch_list() of the installed wheel, astral-sh/uv#14086";
    private static final String UV_TABLE = "astral-sh/uv crates/uv-torch/src/backend.rs (get_arch_list() per ROCm"
            + " version, the torch release not stated)";
    private static final String MI = "gfx900;gfx906;gfx908;gfx90a";
    private static final String ROCM_5 = MI + ";gfx1030;gfx1100";
    private static final String ROCM_6 = ROCM_5 + ";gfx942";
    private static final String RDNA_3_4 = ROCM_6 + ";gfx1101;gfx1102;gfx1200;gfx1201";
    private static final String WITH_MI350 = RDNA_3_4 + ";gfx950";

    /**
     * The recorded builds, each with its source: pytorch/builder's release branches for torch 2.0 to 2.4
     * ({@code PYTORCH_ROCM_ARCH} in manywheel/build_docker.sh, which built the ROCm wheels), then the lists of
     * installed wheels reported in public issues. A new ROCm release is one line.
     */
    private static final List<Row> ROWS = List.of(
            Row.of("2.0", "rocm5.3", MI + ";gfx1030", Evidence.BUILD_SCRIPT,
                    BUILDER + "2.0 manywheel/build_docker.sh: gfx900;gfx906;gfx908 plus gfx90a;gfx1030 for ROCm >= 4.3"),
            Row.of("2.0", "rocm5.4.2", MI + ";gfx1030", Evidence.BUILD_SCRIPT,
                    BUILDER + "2.0 manywheel/build_docker.sh: gfx900;gfx906;gfx908 plus gfx90a;gfx1030 for ROCm >= 4.3"),
            Row.of("2.1", "rocm5.5", ROCM_5, Evidence.BUILD_SCRIPT, BUILDER + "2.1 manywheel/build_docker.sh"),
            Row.of("2.1", "rocm5.6", ROCM_5, Evidence.BUILD_SCRIPT, BUILDER + "2.1 manywheel/build_docker.sh"),
            Row.of("2.2", "rocm5.6", ROCM_5, Evidence.BUILD_SCRIPT, BUILDER + "2.2 manywheel/build_docker.sh"),
            Row.of("2.2", "rocm5.7", ROCM_5, Evidence.BUILD_SCRIPT, BUILDER + "2.2 manywheel/build_docker.sh"),
            Row.of("2.3", "rocm5.7", ROCM_5, Evidence.BUILD_SCRIPT,
                    BUILDER + "2.3 manywheel/build_docker.sh: gfx942 only for ROCm >= 6.0"),
            Row.of("2.3", "rocm6.0", ROCM_6, Evidence.BUILD_SCRIPT,
                    BUILDER + "2.3 manywheel/build_docker.sh: plus gfx942 for ROCm >= 6.0"),
            Row.of("2.4", "rocm6.0", ROCM_6, Evidence.BUILD_SCRIPT,
                    BUILDER + "2.4 manywheel/build_docker.sh; torch 2.4.1+rocm6.0 as installed, " + UV_14086),
            Row.of("2.4", "rocm6.1", ROCM_6, Evidence.BUILD_SCRIPT,
                    BUILDER + "2.4 manywheel/build_docker.sh: plus gfx942 for ROCm >= 6.0"),
            Row.of("2.5", "rocm6.1", ROCM_6, Evidence.INFERRED,
                    "not read at v2.5.0: torch 2.4 rocm6.1 and 2.5.1+rocm6.2 carry this list"),
            Row.of("2.5", "rocm6.2", ROCM_6, Evidence.INSTALLED_WHEEL, "torch 2.5.1+rocm6.2, " + UV_14086),
            Row.partial("2.6", "rocm6.1", ROCM_6, Evidence.INFERRED,
                    "not read at v2.6.0: torch 2.5 and 2.7 both carry these; whether 2.6 already carried gfx1101,"
                            + " gfx1102, gfx1200 and gfx1201 (2.7.1 does) is not established"),
            Row.partial("2.6", "rocm6.2.4", ROCM_6, Evidence.INFERRED,
                    "not read at v2.6.0: torch 2.5 and 2.7 both carry these; whether 2.6 already carried gfx1101,"
                            + " gfx1102, gfx1200 and gfx1201 (2.7.1 does) is not established"),
            Row.of("2.7", "rocm6.2.4", RDNA_3_4, Evidence.INSTALLED_WHEEL, "torch 2.7.1+rocm6.2.4, " + UV_14086),
            Row.of("2.7", "rocm6.3", RDNA_3_4, Evidence.INSTALLED_WHEEL, "torch 2.7.1+rocm6.3, " + UV_14086),
            Row.of("2.8", "rocm6.3", RDNA_3_4, Evidence.INFERRED, "not read: torch 2.7.1+rocm6.3 (" + UV_14086
                    + ") and " + UV_TABLE + " agree"),
            Row.of("2.8", "rocm6.4", RDNA_3_4, Evidence.INFERRED, "not read: " + UV_TABLE),
            Row.of("2.9", "rocm6.3", RDNA_3_4, Evidence.INFERRED, "not read: torch 2.7.1+rocm6.3 (" + UV_14086
                    + ") and " + UV_TABLE + " agree"),
            Row.of("2.9", "rocm6.4", RDNA_3_4, Evidence.INFERRED, "not read: " + UV_TABLE),
            Row.of("2.10", "rocm7.0", WITH_MI350, Evidence.INSTALLED_WHEEL,
                    UV_TABLE + "; torch 2.10 is the only release built for rocm7.0"),
            Row.of("2.10", "rocm7.1", WITH_MI350, Evidence.INFERRED, "not read: " + UV_TABLE),
            Row.of("2.11", "rocm7.1", WITH_MI350, Evidence.INFERRED, "not read: " + UV_TABLE),
            Row.of("2.11", "rocm7.2", WITH_MI350 + ";gfx1150;gfx1151", Evidence.INSTALLED_WHEEL,
                    "torch with rocm7.2 as installed on 2026-03-26 (the 2.11 release), astral-sh/uv#18730"),
            Row.of("2.12", "rocm7.1", WITH_MI350, Evidence.INFERRED, "not read: " + UV_TABLE),
            Row.of("2.12", "rocm7.2", WITH_MI350 + ";gfx1150;gfx1151", Evidence.INFERRED,
                    "not read at v2.12.0: the torch 2.11 rocm7.2 list (astral-sh/uv#18730)"));

    // gfx names are hexadecimal-ish (gfx90a); rocminfo appends target features after colons.
    private static final Pattern ARCHITECTURE = Pattern.compile("(gfx[0-9a-f]{3,5})(?::[a-z0-9_+-]+)*");

    private static final TorchSeries NEWEST_RECORDED =
            ROWS.stream().map(Row::series).max(Comparator.naturalOrder()).orElseThrow();

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
     * Whether the torch {@code series} builds for {@code rocm} carry kernels for {@code architecture};
     * {@code nightly} for a development build, whose list is always inferred.
     *
     * @throws IllegalArgumentException if {@code rocm} is not a ROCm backend
     */
    public static KernelAnswer answer(TorchSeries series, boolean nightly, String architecture, ComputeBackend rocm) {
        requireRocm(rocm);
        String normalized = normalizeArchitecture(architecture);
        String build = "torch " + series + (nightly ? " nightly " : " ") + rocm;
        Optional<Row> exact = nightly ? Optional.empty() : row(series, rocm);
        if (exact.isPresent()) {
            return exact.get().answer(normalized, build, exact.get().evidence() == Evidence.INFERRED, "its list is ");
        }
        if (nightly || series.compareTo(NEWEST_RECORDED) > 0) {
            Optional<Row> newest = ROWS.stream().filter(row -> row.backend().equals(rocm))
                    .filter(row -> row.series().compareTo(series) <= 0).max(Comparator.comparing(Row::series));
            if (newest.isPresent()) {
                return newest.get().answer(normalized, build, true,
                        "list taken from torch " + newest.get().series() + " " + rocm + ", ");
            }
        }
        return new KernelAnswer(Support.UNKNOWN, build, normalized, Optional.empty(), false,
                "torchplan has no recorded architecture list for this build", "");
    }

    /**
     * Whether any torch release's {@code rocm} build carries {@code architecture} (any spelling {@link
     * #normalizeArchitecture} accepts): YES if one recorded build does, NO if every one is established not to,
     * UNKNOWN otherwise. Which torch release gets planned is then checked per release with {@link #answer}.
     *
     * @throws IllegalArgumentException if {@code rocm} is not a ROCm backend
     */
    public static Support support(String architecture, ComputeBackend rocm) {
        requireRocm(rocm);
        String normalized = normalizeArchitecture(architecture);
        List<Row> builds = ROWS.stream().filter(row -> row.backend().equals(rocm)).toList();
        if (builds.isEmpty()) {
            return Support.UNKNOWN;
        }
        List<Support> answers = builds.stream().map(row -> row.support(normalized)).toList();
        if (answers.contains(Support.YES)) {
            return Support.YES;
        }
        return answers.contains(Support.UNKNOWN) ? Support.UNKNOWN : Support.NO;
    }

    /** The ROCm backends among {@code known} with a build carrying {@code architecture}, newest first. */
    public static List<ComputeBackend> backendsCarrying(String architecture, Collection<ComputeBackend> known) {
        return known.stream()
                .filter(ComputeBackend::isRocm)
                .distinct()
                .filter(rocm -> support(architecture, rocm) == Support.YES)
                .sorted(Comparator.reverseOrder())
                .toList();
    }

    /** Every architecture some recorded build carries, in the order the table first names them. */
    public static List<String> architectures() {
        Set<String> all = new LinkedHashSet<>();
        ROWS.forEach(row -> all.addAll(row.architectures()));
        return List.copyOf(all);
    }

    /** The oldest ROCm backend with a recorded build carrying {@code architecture}, if any. */
    public static Optional<ComputeBackend> firstCarrying(String architecture) {
        String normalized = normalizeArchitecture(architecture);
        return ROWS.stream().filter(row -> row.architectures().contains(normalized)).map(Row::backend)
                .min(Comparator.naturalOrder());
    }

    /** Every recorded build, oldest series first. */
    public static List<RecordedBuild> recordedBuilds() {
        List<RecordedBuild> builds = new ArrayList<>(ROWS.size());
        for (Row row : ROWS) {
            builds.add(new RecordedBuild(row.series(), row.backend(), row.architectures(), row.complete(),
                    row.evidence(), row.source()));
        }
        builds.sort(Comparator.comparing(RecordedBuild::series).thenComparing(RecordedBuild::backend));
        return builds;
    }

    private static Optional<Row> row(TorchSeries series, ComputeBackend rocm) {
        return ROWS.stream().filter(row -> row.series().equals(series) && row.backend().equals(rocm)).findFirst();
    }

    private static void requireRocm(ComputeBackend backend) {
        if (!backend.isRocm()) {
            throw new IllegalArgumentException(backend + " is not a ROCm backend");
        }
    }

    /**
     * One recorded ROCm build.
     *
     * @param complete whether {@code architectures} is the whole list; if not, other architectures are unknown
     */
    public record RecordedBuild(TorchSeries series, ComputeBackend backend, List<String> architectures,
            boolean complete, Evidence evidence, String source) {
    }

    private record Row(TorchSeries series, ComputeBackend backend, List<String> architectures, boolean complete,
            Evidence evidence, String source) {

        static Row of(String series, String backend, String architectures, Evidence evidence, String source) {
            return new Row(TorchSeries.parse(series), ComputeBackend.parse(backend),
                    List.of(architectures.split(";")), true, evidence, source);
        }

        /** A build known to carry {@code architectures}, with the rest of its list not established. */
        static Row partial(String series, String backend, String architectures, Evidence evidence, String source) {
            return new Row(TorchSeries.parse(series), ComputeBackend.parse(backend),
                    List.of(architectures.split(";")), false, evidence, source);
        }

        Support support(String architecture) {
            if (architectures.contains(architecture)) {
                return Support.YES;
            }
            return complete ? Support.NO : Support.UNKNOWN;
        }

        KernelAnswer answer(String architecture, String build, boolean inferred, String basisPrefix) {
            String basis = basisPrefix + String.join(";", architectures) + (complete ? "" : " (the rest not established)");
            return new KernelAnswer(support(architecture), build, architecture, Optional.empty(), inferred, basis,
                    source);
        }
    }
}
