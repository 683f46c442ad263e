package org.torchplan.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which PyTorch CUDA builds carry kernels for an NVIDIA compute capability: the architecture list of every
 * stable CUDA build from torch 2.0 to 2.12, per (torch series, CUDA backend, build platform), each row with the
 * source it was read from. {@link CudaArchitectureList} says how a device runs on a list (machine code, PTX
 * just-in-time compilation, or not at all).
 *
 * <p>What the table does not establish is {@link Support#UNKNOWN}, never a guess, with two exceptions that are
 * facts of their own: a CUDA toolkit cannot build for a device below its floor (CUDA 12 has no Kepler, CUDA 13 no
 * Maxwell, Pascal or Volta), so such a device is NO on any build of that toolkit; and a release newer than the
 * table, or a nightly build, takes the newest recorded list of its backend (or of its CUDA major) on its platform,
 * with the answer marked inferred.
 */
public final class ComputeCapabilityTable {

    private static final Set<BuildPlatform> LINUX = Set.of(BuildPlatform.LINUX_X86_64);
    private static final Set<BuildPlatform> WINDOWS = Set.of(BuildPlatform.WINDOWS_X86_64);
    private static final Set<BuildPlatform> AARCH64 = Set.of(BuildPlatform.LINUX_AARCH64);

    private static final String BUILDER = "pytorch/builder release/";
    private static final String LINUX_12X_BASE = "5.0;6.0;7.0;7.5;8.0;8.6;9.0";
    private static final String LINUX_118 = "3.7;5.0;6.0;7.0;7.5;8.0;8.6;9.0";
    private static final String WINDOWS_118 = "3.7+PTX;5.0;6.0;6.1;7.0;7.5;8.0;8.6;9.0";
    private static final String WINDOWS_12X_BASE = "5.0;6.0;6.1;7.0;7.5;8.0;8.6;9.0";
    private static final String TURING_TO_BLACKWELL = "7.5;8.0;8.6;9.0;10.0;12.0";
    private static final String CORRIDORKEY = "torch.cuda.get_arch_list() of the installed wheels, nikopueringer/CorridorKey#141";
    private static final String SCRIPT_799D09F = "pytorch/pytorch .ci/manywheel/build_cuda.sh at 799d09f2 (2.9/2.10 line:"
            + " 12.8 still with Volta, 13.0 with 11.0 on aarch64; aarch64 drops 5.0;6.0;7.0;7.5;8.6)";
    private static final String MATRIX_29 = "RELEASE.md \"PyTorch CUDA Support Matrix\" for 2.9 and 2.10"
            + " (pytorch/pytorch#164471, #175253)";
    private static final String MATRIX_211 = "RELEASE.md support matrix for 2.11 (pytorch/pytorch#175253, #172663)";
    private static final String MATRIX_212 = "RELEASE.md support matrix for 2.12 (pytorch/pytorch#182849)";

    /**
     * The recorded builds. Sources, read 2026-11/12:
     * <ul>
     *   <li>torch 2.0 to 2.5: {@code TORCH_CUDA_ARCH_LIST} in pytorch/builder's release branches (manywheel/build_cuda.sh,
     *   windows/cuda1xx.bat), which built those releases.</li>
     *   <li>torch 2.6 on: the scripts moved into pytorch/pytorch ({@code .ci/manywheel/build_cuda.sh},
     *   {@code .ci/pytorch/windows/cuda1xx.bat}); where no tagged copy was readable, the release managers' support
     *   matrix (RELEASE.md, from 2.9 on) and the arch list of installed wheels reported in public issues.</li>
     *   <li>torch 2.11.0+cu130: read on a real NVIDIA H200 (shared/hardware/nvidia-h200-linux/installed-torch.txt).</li>
     * </ul>
     * One row per (series range, backend, platform set); a new release is one line per backend.
     */
    private static final List<Row> ROWS = List.of(
            // torch 2.0, pytorch/builder release/2.0 (9f0fad92)
            Row.of("2.0", "2.0", "cu117", LINUX, "3.7;5.0;6.0;7.0;7.5;8.0;8.6", Evidence.BUILD_SCRIPT,
                    BUILDER + "2.0 manywheel/build_cuda.sh: 3.7;5.0;6.0;7.0 plus 7.5;8.0;8.6 for CUDA 11.6/11.7"),
            Row.of("2.0", "2.0", "cu118", LINUX, LINUX_118, Evidence.BUILD_SCRIPT,
                    BUILDER + "2.0 manywheel/build_cuda.sh: 3.7;5.0;6.0;7.0 plus 7.5;8.0;8.6;9.0 for CUDA 11.8"),
            Row.of("2.0", "2.0", "cu117", WINDOWS, "3.7+PTX;5.0;6.0;6.1;7.0;7.5;8.0;8.6", Evidence.BUILD_SCRIPT,
                    BUILDER + "2.0 windows/cuda117.bat"),
            // torch 2.1 to 2.5, pytorch/builder release/2.1 (55d40b1b) ... release/2.5 (aec5fb5d)
            Row.of("2.1", "2.5", "cu118", LINUX, LINUX_118, Evidence.BUILD_SCRIPT,
                    BUILDER + "2.1 to 2.5 manywheel/build_cuda.sh: 5.0;6.0;7.0;7.5;8.0;8.6 plus 3.7;9.0 for CUDA 11.8"),
            Row.of("2.1", "2.5", "cu121", LINUX, LINUX_12X_BASE, Evidence.BUILD_SCRIPT,
                    BUILDER + "2.1 to 2.5 manywheel/build_cuda.sh: 5.0;6.0;7.0;7.5;8.0;8.6 plus 9.0 for CUDA 12.1"),
            Row.of("2.4", "2.5", "cu124", LINUX, LINUX_12X_BASE, Evidence.BUILD_SCRIPT,
                    BUILDER + "2.4, 2.5 manywheel/build_cuda.sh: 5.0;6.0;7.0;7.5;8.0;8.6 plus 9.0 for CUDA 12.4 on x86_64"),
            Row.of("2.0", "2.5", "cu118", WINDOWS, WINDOWS_118, Evidence.BUILD_SCRIPT,
                    BUILDER + "2.0 to 2.5 windows/cuda118.bat"),
            Row.of("2.1", "2.5", "cu121", WINDOWS, WINDOWS_12X_BASE, Evidence.BUILD_SCRIPT,
                    BUILDER + "2.1 to 2.5 windows/cuda121.bat"),
            Row.of("2.4", "2.5", "cu124", WINDOWS, WINDOWS_12X_BASE, Evidence.BUILD_SCRIPT,
                    BUILDER + "2.4, 2.5 windows/cuda124.bat"),
            // torch 2.6 and 2.7: the builder scripts moved into pytorch/pytorch .ci/
            Row.of("2.6", "2.6", "cu118", LINUX, LINUX_118, Evidence.INSTALLED_WHEEL,
                    "torch 2.6.0+cu118 get_arch_list() sm_50 sm_60 sm_70 sm_75 sm_80 sm_86 sm_37 sm_90, as quoted in"
                            + " public project notes; the list of " + BUILDER + "2.5"),
            Row.of("2.6", "2.6", "cu124", LINUX, LINUX_12X_BASE, Evidence.INFERRED,
                    "not read at v2.6.0: the CUDA 12 list of " + BUILDER + "2.5 and of torch 2.7.1+cu126 (" + CORRIDORKEY
                            + ") agree"),
            Row.of("2.6", "2.6", "cu126", LINUX, LINUX_12X_BASE, Evidence.INFERRED,
                    "not read at v2.6.0: the CUDA 12 list of " + BUILDER + "2.5 and of torch 2.7.1+cu126 (" + CORRIDORKEY
                            + ") agree"),
            Row.of("2.7", "2.7", "cu118", LINUX, LINUX_118, Evidence.INFERRED,
                    "not read at v2.7.0: torch 2.6.0+cu118 and " + BUILDER + "2.5 carry this list"),
            Row.of("2.7", "2.7", "cu126", LINUX, LINUX_12X_BASE, Evidence.INSTALLED_WHEEL,
                    "torch 2.7.1+cu126 on Linux, " + CORRIDORKEY),
            Row.of("2.7", "2.7", "cu128", LINUX, TURING_TO_BLACKWELL + "+PTX", Evidence.INSTALLED_WHEEL,
                    "torch 2.7.1+cu128 on Linux (sm_75 ... sm_120, compute_120), " + CORRIDORKEY
                            + "; Volta came back only in 2.8 (dev-discuss.pytorch.org/t/3128)"),
            Row.of("2.6", "2.7", "cu118", WINDOWS, WINDOWS_118, Evidence.INFERRED,
                    "not read at v2.6.0/v2.7.0: " + BUILDER + "2.5 windows/cuda118.bat, moved into pytorch/pytorch"
                            + " .ci/pytorch/windows"),
            Row.of("2.6", "2.6", "cu124", WINDOWS, WINDOWS_12X_BASE, Evidence.INFERRED,
                    "not read at v2.6.0: " + BUILDER + "2.5 windows/cuda124.bat, moved into pytorch/pytorch"
                            + " .ci/pytorch/windows"),
            Row.of("2.6", "2.6", "cu126", WINDOWS, WINDOWS_12X_BASE, Evidence.INFERRED,
                    "not read at v2.6.0: torch 2.7.1+cu126 and 2.10.0+cu126 on Windows carry this list ("
                            + CORRIDORKEY + ")"),
            Row.of("2.7", "2.7", "cu126", WINDOWS, WINDOWS_12X_BASE, Evidence.INSTALLED_WHEEL,
                    "torch 2.7.1+cu126 on Windows, " + CORRIDORKEY),
            Row.of("2.7", "2.7", "cu128", WINDOWS, "5.0;6.0;6.1;7.0;7.5;8.0;8.6;9.0;10.0;12.0", Evidence.INSTALLED_WHEEL,
                    "torch 2.7.1+cu128 on Windows, unlike Linux with Maxwell and Pascal and without PTX, " + CORRIDORKEY),
            // torch 2.8
            Row.of("2.8", "2.8", "cu126", LINUX, LINUX_12X_BASE, Evidence.BUILD_SCRIPT,
                    "pytorch/pytorch .ci/manywheel/build_cuda.sh of the 2.8 line (00c7a380); 2.8.0 release notes:"
                            + " CUDA 12.6 keeps sm50-sm70"),
            Row.of("2.8", "2.8", "cu128", LINUX, "7.0;" + TURING_TO_BLACKWELL, Evidence.BUILD_SCRIPT,
                    "pytorch/pytorch .ci/manywheel/build_cuda.sh of the 2.8 line (00c7a380): sm_50-sm_60 removed for"
                            + " 12.8/12.9, sm_70 kept (pytorch/pytorch#157517)"),
            Row.of("2.8", "2.8", "cu129", LINUX, "7.0;" + TURING_TO_BLACKWELL + "+PTX", Evidence.BUILD_SCRIPT,
                    "pytorch/pytorch .ci/manywheel/build_cuda.sh of the 2.8 line (00c7a380); the wheel's get_arch_list()"
                            + " in pytorch/pytorch#158301"),
            Row.of("2.8", "2.9", "cu126", WINDOWS, WINDOWS_12X_BASE, Evidence.INFERRED,
                    "not read: torch 2.7.1+cu126 and 2.10.0+cu126 on Windows both carry this list (" + CORRIDORKEY + ")"),
            Row.partial("2.8", "2.9", "cu128", WINDOWS, "7.0;" + TURING_TO_BLACKWELL, "7.0", Evidence.INFERRED,
                    "not read: torch 2.7.1+cu128 on Windows carried 5.0 to 6.1, 2.10.0+cu128 carries 7.0 up ("
                            + CORRIDORKEY + "), pytorch/pytorch#164470 removed 6.1 from the Windows 12.8 list in"
                            + " October 2025; below 7.0 not established"),
            Row.partial("2.8", "2.9", "cu129", WINDOWS, TURING_TO_BLACKWELL, "7.5", Evidence.INFERRED,
                    "not read at a release tag: pytorch/pytorch .ci/pytorch/windows/cuda129.bat lists "
                            + TURING_TO_BLACKWELL + "; below 7.5 not established"),
            // torch 2.9 and 2.10
            Row.of("2.9", "2.10", "cu126", LINUX, LINUX_12X_BASE, Evidence.SUPPORT_MATRIX, MATRIX_29),
            Row.of("2.9", "2.10", "cu128", LINUX, "7.0;" + TURING_TO_BLACKWELL, Evidence.SUPPORT_MATRIX,
                    MATRIX_29 + "; torch 2.10.0+cu128 get_arch_list() in pytorch/pytorch#182250"),
            Row.of("2.9", "2.10", "cu129", LINUX, "7.0;" + TURING_TO_BLACKWELL + "+PTX", Evidence.BUILD_SCRIPT,
                    SCRIPT_799D09F),
            Row.of("2.9", "2.10", "cu130", LINUX, TURING_TO_BLACKWELL + "+PTX", Evidence.SUPPORT_MATRIX,
                    MATRIX_29 + ": 12.0+PTX, PTX on Linux builds only; " + SCRIPT_799D09F),
            Row.of("2.9", "2.10", "cu126", AARCH64, "8.0;9.0", Evidence.BUILD_SCRIPT, SCRIPT_799D09F),
            Row.of("2.9", "2.10", "cu128", AARCH64, "8.0;9.0;10.0;12.0", Evidence.BUILD_SCRIPT, SCRIPT_799D09F),
            Row.of("2.9", "2.10", "cu129", AARCH64, "8.0;9.0;10.0;12.0+PTX", Evidence.BUILD_SCRIPT, SCRIPT_799D09F),
            Row.of("2.9", "2.10", "cu130", AARCH64, "8.0;9.0;10.0;11.0;12.0+PTX", Evidence.BUILD_SCRIPT, SCRIPT_799D09F),
            Row.of("2.9", "2.10", "cu130", WINDOWS, TURING_TO_BLACKWELL, Evidence.SUPPORT_MATRIX,
                    MATRIX_29 + ": PTX on Linux builds only"),
            Row.of("2.10", "2.10", "cu126", WINDOWS, WINDOWS_12X_BASE, Evidence.INSTALLED_WHEEL,
                    "torch 2.10.0+cu126 on Windows, " + CORRIDORKEY),
            Row.of("2.10", "2.10", "cu128", WINDOWS, "7.0;" + TURING_TO_BLACKWELL, Evidence.INSTALLED_WHEEL,
                    "torch 2.10.0+cu128 on Windows, " + CORRIDORKEY),
            // torch 2.11: Volta dropped from 12.8 builds (pytorch/pytorch#172352), cu130 the PyPI default
            Row.of("2.11", "2.11", "cu126", LINUX, LINUX_12X_BASE, Evidence.INSTALLED_WHEEL,
                    "torch 2.11.0+cu126 get_arch_list() in pytorch/pytorch#182250; " + MATRIX_211),
            Row.of("2.11", "2.11", "cu128", LINUX, TURING_TO_BLACKWELL, Evidence.INSTALLED_WHEEL,
                    "torch 2.11.0+cu128 get_arch_list() in pytorch/pytorch#182250; Volta dropped for 2.11"
                            + " (pytorch/pytorch#172352)"),
            Row.of("2.11", "2.11", "cu129", LINUX, TURING_TO_BLACKWELL + "+PTX", Evidence.INFERRED,
                    "not read at v2.11.0: build_cuda.sh of the 2.11/2.12 line as seen in a fork (nWEIdia/pytorch@786e6569):"
                            + " 7.5;8.0;8.6;9.0;10.0 plus 12.0+PTX for CUDA 12.9"),
            Row.of("2.11", "2.11", "cu130", LINUX, TURING_TO_BLACKWELL, Evidence.INSTALLED_WHEEL,
                    "torch 2.11.0+cu130 get_arch_list() on an NVIDIA H200 with driver 580.159.04, recorded 2026-11-29"
                            + " (shared/hardware/nvidia-h200-linux): no compute_120, although " + MATRIX_211
                            + " lists 12.0+PTX; PTX was to be dropped for cu130 on PyPI (pytorch/pytorch#175253 review)"),
            Row.of("2.11", "2.11", "cu126", WINDOWS, LINUX_12X_BASE, Evidence.SUPPORT_MATRIX, MATRIX_211),
            Row.of("2.11", "2.11", "cu128", WINDOWS, TURING_TO_BLACKWELL, Evidence.SUPPORT_MATRIX, MATRIX_211),
            Row.of("2.11", "2.11", "cu130", WINDOWS, TURING_TO_BLACKWELL, Evidence.SUPPORT_MATRIX,
                    MATRIX_211 + ": PTX on Linux builds only"),
            Row.of("2.11", "2.11", "cu126", AARCH64, "8.0;9.0", Evidence.SUPPORT_MATRIX, MATRIX_211 + ", aarch64 table"),
            Row.of("2.11", "2.11", "cu128", AARCH64, "8.0;9.0;10.0;12.0", Evidence.SUPPORT_MATRIX,
                    MATRIX_211 + ", aarch64 table"),
            Row.of("2.11", "2.11", "cu129", AARCH64, "8.0;9.0;10.0;12.0+PTX", Evidence.INFERRED,
                    "not read at v2.11.0: the 2.9/2.10 aarch64 list of CUDA 12.9 (" + SCRIPT_799D09F + ")"),
            Row.of("2.11", "2.11", "cu130", AARCH64, "8.0;9.0;10.0;11.0;12.0+PTX", Evidence.SUPPORT_MATRIX,
                    MATRIX_211 + ", aarch64 table"),
            // torch 2.12: 12.8 removed, 13.2 added (pytorch/pytorch#178665)
            Row.of("2.12", "2.12", "cu126", LINUX, LINUX_12X_BASE, Evidence.SUPPORT_MATRIX, MATRIX_212),
            Row.of("2.12", "2.12", "cu130", LINUX, TURING_TO_BLACKWELL + "+PTX", Evidence.SUPPORT_MATRIX,
                    MATRIX_212 + ": 12.0+PTX on Linux (the 2.11 matrix said the same of cu130, which the installed"
                            + " 2.11.0+cu130 wheel does not carry)"),
            Row.of("2.12", "2.12", "cu132", LINUX, TURING_TO_BLACKWELL + "+PTX", Evidence.SUPPORT_MATRIX,
                    MATRIX_212 + ": 12.0+PTX on Linux"),
            Row.of("2.12", "2.12", "cu126", WINDOWS, LINUX_12X_BASE, Evidence.SUPPORT_MATRIX, MATRIX_212),
            Row.of("2.12", "2.12", "cu130", WINDOWS, TURING_TO_BLACKWELL, Evidence.SUPPORT_MATRIX,
                    MATRIX_212 + ": PTX on Linux builds only"),
            Row.of("2.12", "2.12", "cu132", WINDOWS, TURING_TO_BLACKWELL, Evidence.SUPPORT_MATRIX,
                    MATRIX_212 + ": PTX on Linux builds only"),
            Row.of("2.12", "2.12", "cu126", AARCH64, "8.0;9.0", Evidence.SUPPORT_MATRIX, MATRIX_212 + ", aarch64 table"),
            Row.of("2.12", "2.12", "cu130", AARCH64, "8.0;9.0;10.0;11.0;12.0+PTX", Evidence.SUPPORT_MATRIX,
                    MATRIX_212 + ", aarch64 table"),
            Row.of("2.12", "2.12", "cu132", AARCH64, "8.0;9.0;10.0;11.0;12.0+PTX", Evidence.SUPPORT_MATRIX,
                    MATRIX_212 + ", aarch64 table"));

    /**
     * The oldest architecture each CUDA major's compiler targets. Sources: CUDA 11.0 release notes (sm_30/sm_32
     * dropped), CUDA 12.0 release notes (Kepler sm_35/sm_37 dropped), CUDA 13.0 release notes ("offline compilation
     * and library support for Maxwell, Pascal and Volta removed").
     */
    private static final List<ToolkitFloor> TOOLKIT_FLOORS = List.of(
            new ToolkitFloor(11, ComputeCapability.parse("3.5")),
            new ToolkitFloor(12, ComputeCapability.parse("5.0")),
            new ToolkitFloor(13, ComputeCapability.parse("7.5")));

    private static final TorchSeries NEWEST_RECORDED =
            ROWS.stream().map(Row::to).max(Comparator.naturalOrder()).orElseThrow();

    private ComputeCapabilityTable() {
    }

    /**
     * Whether the torch {@code series} builds for {@code cuda} on {@code platform} carry kernels for {@code device};
     * {@code nightly} for a development build, whose list is always inferred.
     *
     * @throws IllegalArgumentException if {@code cuda} is not a CUDA backend
     */
    public static KernelAnswer answer(TorchSeries series, boolean nightly, ComputeBackend cuda, BuildPlatform platform,
            ComputeCapability device) {
        if (!cuda.isCuda()) {
            throw new IllegalArgumentException(cuda + " is not a CUDA backend");
        }
        String build = "torch " + series + (nightly ? " nightly " : " ") + cuda + " (" + platform + ")";
        String deviceWords = "compute capability " + device;
        KernelAnswer fromTable = fromTable(series, nightly, cuda, platform, device, build, deviceWords);
        Optional<ComputeCapability> floor = toolkitFloor(cuda);
        if (fromTable.support() == Support.UNKNOWN && floor.isPresent() && device.compareTo(floor.get()) < 0) {
            // below the toolkit's floor no list can help: that is a fact of the compiler, not of the table
            return new KernelAnswer(Support.NO, build, deviceWords, Optional.empty(), false, "CUDA "
                    + cuda.majorVersion() + " compilers build for compute capability " + floor.get() + " and newer only",
                    "NVIDIA CUDA " + cuda.majorVersion() + ".0 release notes");
        }
        return fromTable;
    }

    private static KernelAnswer fromTable(TorchSeries series, boolean nightly, ComputeBackend cuda,
            BuildPlatform platform, ComputeCapability device, String build, String deviceWords) {
        Optional<Row> exact = nightly ? Optional.empty() : row(series, cuda, platform);
        if (exact.isPresent()) {
            Row row = exact.get();
            return fromList(row.list(), device, build, deviceWords, row.evidence() == Evidence.INFERRED,
                    "its list is " + row.list(), row.source());
        }
        if (nightly || series.compareTo(NEWEST_RECORDED) > 0) {
            Optional<Row> newest = newestAtOrBefore(series, cuda, platform);
            if (newest.isPresent()) {
                Row row = newest.get();
                return fromList(row.list(), device, build, deviceWords, true, "list taken from torch " + row.to()
                        + " " + row.backend() + ", " + row.list(), row.source());
            }
        }
        return new KernelAnswer(Support.UNKNOWN, build, deviceWords, Optional.empty(), false,
                "torchplan has no recorded architecture list for this build", "");
    }

    private static KernelAnswer fromList(CudaArchitectureList list, ComputeCapability device, String build,
            String deviceWords, boolean inferred, String basis, String source) {
        return switch (list.match(device)) {
            case NATIVE -> new KernelAnswer(Support.YES, build, deviceWords, Optional.empty(), inferred, basis, source);
            case PTX_JIT -> new KernelAnswer(Support.YES, build, deviceWords, list.ptxFor(device), inferred, basis,
                    source);
            case NONE -> new KernelAnswer(Support.NO, build, deviceWords, Optional.empty(), inferred, basis, source);
            // the list's words already say from where it is established
            case NOT_KNOWN -> new KernelAnswer(Support.UNKNOWN, build, deviceWords, Optional.empty(), inferred, basis,
                    source);
        };
    }

    /** The recorded build of {@code series} for {@code cuda} on {@code platform}, if the table has one. */
    public static Optional<RecordedBuild> recorded(TorchSeries series, ComputeBackend cuda, BuildPlatform platform) {
        return row(series, cuda, platform).map(row -> row.build(series, platform));
    }

    /** Every recorded build, one per (series, backend, platform), oldest series first. */
    public static List<RecordedBuild> recordedBuilds() {
        List<RecordedBuild> builds = new ArrayList<>();
        for (Row row : ROWS) {
            for (int minor = row.from().minor(); minor <= row.to().minor(); minor++) {
                for (BuildPlatform platform : BuildPlatform.values()) {
                    if (row.platforms().contains(platform)) {
                        builds.add(row.build(new TorchSeries(row.from().major(), minor), platform));
                    }
                }
            }
        }
        builds.sort(Comparator.comparing(RecordedBuild::series).thenComparing(RecordedBuild::backend)
                .thenComparing(RecordedBuild::platform));
        return builds;
    }

    /** The oldest compute capability any build of {@code cuda}'s CUDA major can carry, where established. */
    public static Optional<ComputeCapability> toolkitFloor(ComputeBackend cuda) {
        return TOOLKIT_FLOORS.stream().filter(floor -> floor.cudaMajor() == cuda.majorVersion())
                .map(ToolkitFloor::oldest).findFirst();
    }

    private static Optional<Row> row(TorchSeries series, ComputeBackend cuda, BuildPlatform platform) {
        return ROWS.stream().filter(row -> row.covers(series) && row.backend().equals(cuda)
                && row.platforms().contains(platform)).findFirst();
    }

    /** The newest row up to {@code series} of the same backend, else of the same CUDA major, on {@code platform}. */
    private static Optional<Row> newestAtOrBefore(TorchSeries series, ComputeBackend cuda, BuildPlatform platform) {
        Comparator<Row> byRecency = Comparator.comparing(Row::to).thenComparing(Row::backend);
        List<Row> earlier = ROWS.stream().filter(row -> row.from().compareTo(series) <= 0)
                .filter(row -> row.platforms().contains(platform)).toList();
        Optional<Row> sameBackend = earlier.stream().filter(row -> row.backend().equals(cuda)).max(byRecency);
        return sameBackend.or(() -> earlier.stream()
                .filter(row -> row.backend().majorVersion() == cuda.majorVersion()).max(byRecency));
    }

    /** One recorded build, for listings and tests. */
    public record RecordedBuild(TorchSeries series, ComputeBackend backend, BuildPlatform platform,
            CudaArchitectureList architectures, Evidence evidence, String source) {
    }

    private record ToolkitFloor(int cudaMajor, ComputeCapability oldest) {
    }

    private record Row(TorchSeries from, TorchSeries to, ComputeBackend backend, Set<BuildPlatform> platforms,
            CudaArchitectureList list, Evidence evidence, String source) {

        static Row of(String from, String to, String backend, Set<BuildPlatform> platforms, String list,
                Evidence evidence, String source) {
            return new Row(TorchSeries.parse(from), TorchSeries.parse(to), ComputeBackend.parse(backend), platforms,
                    CudaArchitectureList.parse(list), evidence, source);
        }

        static Row partial(String from, String to, String backend, Set<BuildPlatform> platforms, String list,
                String knownFrom, Evidence evidence, String source) {
            return new Row(TorchSeries.parse(from), TorchSeries.parse(to), ComputeBackend.parse(backend), platforms,
                    CudaArchitectureList.parse(list).knownOnlyFrom(knownFrom), evidence, source);
        }

        boolean covers(TorchSeries series) {
            return from.compareTo(series) <= 0 && series.compareTo(to) <= 0;
        }

        RecordedBuild build(TorchSeries series, BuildPlatform platform) {
            return new RecordedBuild(series, backend, platform, list, evidence, source);
        }
    }
}
