package org.torchplan.plan;

import org.torchplan.catalog.model.CatalogSnapshot;

import org.torchplan.catalog.storage.EmbeddedSnapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.Requirement;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.Channel;
import org.torchplan.policy.FleetPolicy;

/** Plans over the recorded stable index of 2026-05-19 (the embedded snapshot). */
class PlannerScenarioTest {

    private static final CatalogSnapshot RECORDED = EmbeddedSnapshot.stable();
    private static final Planner PLANNER = new Planner();

    static Stream<Arguments> scenarios() {
        return Stream.of(
                scenario("driver 570 on Linux, newest-torch: the newest torch wins over the newest CUDA",
                        PlanRequests.linux().nvidia("570.86.10"), "cu126", "torch==2.12.0+cu126"),
                scenario("driver 570 on Linux, newest-backend: the newest CUDA the driver runs",
                        PlanRequests.linux().nvidia("570.86.10").strategy(Strategy.NEWEST_BACKEND),
                        "cu129", "torch==2.11.0+cu129"),
                scenario("torchaudio stops at 2.11.0, so torch does too, on the most preferred backend building it",
                        PlanRequests.linux().nvidia("570.86.10").requirements("torch", "torchaudio"),
                        "cu129", "torch==2.11.0+cu129", "torchaudio==2.11.0+cu129"),
                scenario("a companion alone brings torch at its paired version",
                        PlanRequests.linux().nvidia("570.86.10").requirements("torchvision"),
                        "cu126", "torch==2.12.0+cu126", "torchvision==0.27.0+cu126"),
                scenario("torch torchvision torchaudio together",
                        PlanRequests.linux().nvidia("570.86.10").requirements("torch", "torchvision", "torchaudio"),
                        "cu129", "torch==2.11.0+cu129", "torchvision==0.26.0+cu129", "torchaudio==2.11.0+cu129"),
                scenario("driver 580 runs CUDA 13: cu132 builds torch 2.12.0",
                        PlanRequests.linux().nvidia("580.65.06"), "cu132", "torch==2.12.0+cu132"),
                scenario("an old driver 450 runs only CUDA 11 builds",
                        PlanRequests.linux().nvidia("450.80.02").python("cp310"), "cu118", "torch==2.7.1+cu118"),
                scenario("Windows, driver 560: torch 2.12.0 for cu126",
                        PlanRequests.windows().nvidia("560.94"), "cu126", "torch==2.12.0+cu126"),
                scenario("Windows, driver 572, newest-backend: cu129, whose newest Windows build is torch 2.9.0",
                        PlanRequests.windows().nvidia("572.16").strategy(Strategy.NEWEST_BACKEND),
                        "cu129", "torch==2.9.0+cu129"),
                scenario("Windows, driver 572, newest-torch: torch 2.12.0 on cu126",
                        PlanRequests.windows().nvidia("572.16"), "cu126", "torch==2.12.0+cu126"),
                scenario("Windows, an old driver 452.39 runs only CUDA 11 builds",
                        PlanRequests.windows().nvidia("452.39").python("cp310"), "cu118", "torch==2.7.1+cu118"),
                scenario("an AMD GPU on Windows gets cpu: ROCm wheels are Linux only",
                        PlanRequests.windows().amd("gfx1100"), "cpu", "torch==2.12.0+cpu"),
                scenario("macOS without a version: the newest is assumed",
                        PlanRequests.macosArm64(null), "cpu", "torch==2.12.0"),
                scenario("macOS arm64: cpu wheels without a local label",
                        PlanRequests.macosArm64("14.0"), "cpu", "torch==2.12.0"),
                scenario("aarch64 Linux with an NVIDIA GPU",
                        PlanRequests.linux().arch(Architecture.AARCH64).nvidia("570.86.10"),
                        "cu126", "torch==2.12.0+cu126"),
                scenario("free-threaded Python 3.14",
                        PlanRequests.linux().python("cp314t").nvidia("570.86.10"), "cu126", "torch==2.12.0+cu126"),
                scenario("ROCm explicit",
                        PlanRequests.linux().backend("rocm7.2"), "rocm7.2", "torch==2.12.0+rocm7.2"),
                scenario("AMD gfx90a gets the newest ROCm build",
                        PlanRequests.linux().amd("gfx90a"), "rocm7.2", "torch==2.12.0+rocm7.2"),
                scenario("XPU explicit",
                        PlanRequests.linux().backend("xpu"), "xpu", "torch==2.12.0+xpu"),
                scenario("Intel GPU gets xpu",
                        PlanRequests.windows().intel(), "xpu", "torch==2.12.0+xpu"),
                scenario("no GPU: cpu",
                        PlanRequests.linux(), "cpu", "torch==2.12.0+cpu"),
                scenario("a specifier caps torch",
                        PlanRequests.linux().nvidia("570.86.10").requirements("torch<2.11"),
                        "cu129", "torch==2.10.0+cu129"),
                scenario("a true marker keeps the requirement",
                        PlanRequests.linux().nvidia("570.86.10")
                                .requirements("torch", "torchvision; sys_platform == 'linux'"),
                        "cu126", "torch==2.12.0+cu126", "torchvision==0.27.0+cu126"),
                scenario("a false marker drops the requirement",
                        PlanRequests.linux().nvidia("570.86.10")
                                .requirements("torch", "torchaudio; sys_platform == 'win32'"),
                        "cu126", "torch==2.12.0+cu126"),
                scenario("extras stay on the pin",
                        PlanRequests.linux().nvidia("570.86.10").requirements("torch[opt-einsum]>=2.4"),
                        "cu126", "torch[opt-einsum]==2.12.0+cu126"),
                scenario("torch<1.11 on aarch64: the companions the release table pairs with torch 1.10.2",
                        PlanRequests.linux().arch(Architecture.AARCH64).python("cp39")
                                .requirements("torch<1.11", "torchvision", "torchaudio"),
                        "cpu", "torch==1.10.2", "torchvision==0.11.3", "torchaudio==0.10.2"),
                scenario("torch<1.11 on x86_64: the same release pairs, cpu builds",
                        PlanRequests.linux().python("cp39").requirements("torch<1.11", "torchvision", "torchaudio"),
                        "cpu", "torch==1.10.2+cpu", "torchvision==0.11.3+cpu", "torchaudio==0.10.2+cpu"),
                scenario("torch==1.12.0 gets the torchvision and torchaudio released with it, not newer ones",
                        PlanRequests.linux().python("cp39").requirements("torch==1.12.0", "torchvision", "torchaudio"),
                        "cpu", "torch==1.12.0+cpu", "torchvision==0.13.0+cpu", "torchaudio==0.12.0+cpu"),
                scenario("torch==1.12.0 on cu116: the CUDA builds of the same pairs",
                        PlanRequests.linux().python("cp39").backend("cu116")
                                .requirements("torch==1.12.0", "torchvision", "torchaudio"),
                        "cu116", "torch==1.12.0+cu116", "torchvision==0.13.0+cu116", "torchaudio==0.12.0+cu116"),
                scenario("torch 2.0.0: torchvision 0.15.1 and torchaudio 2.0.1, its pip releases",
                        PlanRequests.linux().python("cp310").backend("cu118")
                                .requirements("torch==2.0.0", "torchvision", "torchaudio"),
                        "cu118", "torch==2.0.0+cu118", "torchvision==0.15.1+cu118", "torchaudio==2.0.1+cu118"),
                scenario("torch 1.10.0: torchvision 0.11.1, the re-release for the same torch",
                        PlanRequests.linux().python("cp39").backend("cu113").requirements("torch==1.10.0", "torchvision"),
                        "cu113", "torch==1.10.0+cu113", "torchvision==0.11.1+cu113"),
                scenario("aarch64 torch<1.9: torchvision 0.9.0 has no cp39 aarch64 build, so torch 1.8.1 with 0.9.1",
                        PlanRequests.linux().arch(Architecture.AARCH64).python("cp39")
                                .requirements("torch<1.9", "torchvision"),
                        "cpu", "torch==1.8.1", "torchvision==0.9.1"));
    }

    private static Arguments scenario(String name, PlanRequests request, String backend, String... pins) {
        return Arguments.of(name, request, backend, List.of(pins));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void plansTheExpectedWheels(String name, PlanRequests request, String backend, List<String> pins) {
        PlanResult plan = PLANNER.plan(RECORDED, request.build(), FleetPolicy.OPEN);

        assertThat(plan.backend()).hasToString(backend);
        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactlyElementsOf(pins);
        assertThat(plan.steps().get(0).argv()).containsSequence("--index-url",
                "https://download.pytorch.org/whl/" + backend).endsWith(pins.toArray(String[]::new));
        assertShellScriptRunsExactlyTheSteps(plan);
    }

    /** Every command line of the sh rendering reads back, word for word, as its step's argv. */
    private static void assertShellScriptRunsExactlyTheSteps(PlanResult plan) {
        List<String> commands = ShellScriptRendering.render(plan).lines()
                .filter(line -> !line.startsWith("#") && !line.equals("set -eu"))
                .toList();
        assertThat(commands).hasSameSizeAs(plan.steps());
        for (int index = 0; index < commands.size(); index++) {
            List<String> expected = new java.util.ArrayList<>(plan.steps().get(index).argv());
            for (int position = 0; position < expected.size(); position++) {
                if (plan.steps().get(index).isInterpreter(position)) {
                    expected.set(position, ShellWords.INTERPRETER);
                }
            }
            assertThat(ShellWords.split(commands.get(index))).isEqualTo(expected);
        }
    }

    @Test
    void aRequestNamingNoPytorchPackagePlansNoTorch() {
        PlanResult plan = PLANNER.plan(RECORDED,
                PlanRequests.linux().nvidia("570.86.10").requirements("requests", "numpy<3").build(), FleetPolicy.OPEN);

        assertThat(plan.backend()).isNull();
        assertThat(plan.packages()).isEmpty();
        assertThat(plan.steps()).singleElement().satisfies(step -> assertThat(step.argv())
                .containsSequence("--index-url", FleetPolicy.PYPI_INDEX_URL).endsWith("requests", "numpy<3")
                .noneMatch(argument -> argument.startsWith("torch")));
        assertThat(plan.explanation()).anySatisfy(line -> assertThat(line).contains("no PyTorch package"));
        assertThat(plan.warnings()).anySatisfy(line -> assertThat(line).contains("add torch to the request"));
        assertThat(RequirementsFileRendering.render(plan)).contains("requests\n").doesNotContain("torch==");
        assertShellScriptRunsExactlyTheSteps(plan);
    }

    @Test
    void aPytorchRequirementWhoseMarkerIsFalseHereIsNotPlannedAtAll() {
        PlanResult plan = PLANNER.plan(RECORDED,
                PlanRequests.linux().requirements("torch; sys_platform == 'darwin'").build(), FleetPolicy.OPEN);

        assertThat(plan.backend()).isNull();
        assertThat(plan.packages()).isEmpty();
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.explanation()).anySatisfy(line -> assertThat(line).contains("is dropped"))
                .anySatisfy(line -> assertThat(line).contains("nothing to install"));
        assertThat(ShellScriptRendering.render(plan)).doesNotContain("pip");
        assertThat(RequirementsFileRendering.render(plan)).contains("nothing to install").doesNotContain("--index-url");
    }

    @Test
    void aPlanOnTheSnapshotSaysSoAndRestsOnTheEntriesItRead() {
        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.linux().nvidia("570.86.10").build(), FleetPolicy.OPEN);

        assertThat(plan.catalog().source()).isEqualTo(org.torchplan.catalog.model.CatalogSource.SNAPSHOT);
        assertThat(plan.catalog().fetchedAt()).isEqualTo(java.time.Instant.parse("2026-05-19T06:15:55Z"));
        assertThat(plan.warnings()).anySatisfy(line -> assertThat(line)
                .contains("from the snapshot embedded in the service"));
    }

    @Test
    void driver570ExplainsWhyCu126() {
        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.linux().nvidia("570.86.10").build(), FleetPolicy.OPEN);

        assertThat(plan.explanation()).anySatisfy(line -> assertThat(line).contains("cu129"));
        assertThat(plan.explanation()).contains("newest-torch: torch 2.12.0 is not built for cu129/cu128 for this"
                + " machine; newest build it has for this machine: cu126");
        assertThat(plan.steps()).hasSize(1);
        assertThat(plan.steps().get(0).argv()).startsWith("python", "-m", "pip", "install", "--index-url",
                "https://download.pytorch.org/whl/cu126");
        PlannedPackage torch = plan.packages().get(0);
        assertThat(torch.filename()).isEqualTo("torch-2.12.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl");
        assertThat(torch.sha256()).matches("[0-9a-f]{64}");
        assertThat(torch.acceptableSha256()).contains(torch.sha256());
    }

    @Test
    void nonPytorchRequirementsGoToASecondStepRestatingThePins() {
        PlanResult plan = PLANNER.plan(RECORDED,
                PlanRequests.linux().nvidia("570.86.10").requirements("transformers>=4.40", "torch").build(),
                FleetPolicy.OPEN);

        assertThat(plan.steps()).hasSize(2);
        assertThat(plan.steps().get(1).argv()).containsExactly("python", "-m", "pip", "install", "--index-url",
                "https://pypi.org/simple", "transformers>=4.40", "torch==2.12.0+cu126");
    }

    @Test
    void uvStepsHaveTheSameMeaning() {
        PlanResult plan = PLANNER.plan(RECORDED,
                PlanRequests.linux().nvidia("570.86.10").installer(Installer.UV).build(), FleetPolicy.OPEN);

        assertThat(plan.steps().get(0).argv()).containsExactly("uv", "pip", "install", "--python", "python",
                "--index-url", "https://download.pytorch.org/whl/cu126", "torch==2.12.0+cu126");
    }

    @Test
    void aComputeCapabilityWithoutKernelsMovesToABuildThatHasThem() {
        // Pascal (6.1): every cu128/cu129 build from torch 2.7 on starts at 7.0 or 7.5; cu126 still carries 6.0
        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.linux().nvidia("570.86.10", "6.1")
                .strategy(Strategy.NEWEST_BACKEND).build(), FleetPolicy.OPEN);

        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.12.0+cu126");
        assertThat(plan.explanation()).contains(
                "cu129: torch 2.8 to 2.11 builds carry no kernels for compute capability 6.1 (torch 2.11: inferred:"
                        + " its list is 7.5;8.0;8.6;9.0;10.0;12.0+PTX)",
                "cu128: torch 2.7 to 2.11 builds carry no kernels for compute capability 6.1 (torch 2.11: its list is"
                        + " 7.5;8.0;8.6;9.0;10.0;12.0)");
    }

    @Test
    void policyForbiddingBackendsMovesThePlanAndSaysSo() {
        FleetPolicy policy = new FleetPolicy(List.of(ComputeBackend.parse("cu128"), ComputeBackend.CPU), List.of(),
                List.of(), null, null);

        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.linux().nvidia("570.86.10").build(), policy);

        assertThat(plan.backend()).hasToString("cu128");
        assertThat(plan.explanation()).anySatisfy(line -> assertThat(line)
                .contains("torchplan.policy.allowed-backends").contains("cu126"));
    }

    @Test
    void policyBlockedVersionIsSkippedAndNamed() {
        FleetPolicy policy = new FleetPolicy(List.of(), List.of(), List.of(Requirement.parse("torch==2.12.0")),
                null, null);

        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.linux().nvidia("570.86.10").build(), policy);

        assertThat(plan.packages().get(0).pin()).isEqualTo("torch==2.11.0+cu129");
        assertThat(plan.explanation()).anySatisfy(line -> assertThat(line)
                .contains("torchplan.policy.blocked-requirements").contains("torch==2.12.0"));
    }

    @Test
    void policyIndexUrlReplacesTheUpstreamRoot() {
        FleetPolicy policy = new FleetPolicy(List.of(), List.of(), List.of(), "https://mirror.example/pytorch/",
                "https://mirror.example/pypi/simple");

        PlanResult plan = PLANNER.plan(RECORDED,
                PlanRequests.linux().nvidia("570.86.10").requirements("torch", "numpy").build(), policy);

        assertThat(plan.steps().get(0).argv()).contains("https://mirror.example/pytorch/cu126");
        assertThat(plan.steps().get(1).argv()).contains("https://mirror.example/pypi/simple");
    }

    @Test
    void forbiddenExplicitBackendIsAPolicyViolation() {
        FleetPolicy policy = new FleetPolicy(List.of(ComputeBackend.CPU), List.of(), List.of(), null, null);

        assertThatThrownBy(() -> PLANNER.plan(RECORDED, PlanRequests.linux().backend("cu126").build(), policy))
                .isInstanceOf(PolicyViolationException.class)
                .extracting(thrown -> ((PolicyViolationException) thrown).rule())
                .isEqualTo("torchplan.policy.allowed-backends");
    }

    @Test
    void forbiddenChannelIsAPolicyViolation() {
        FleetPolicy policy = new FleetPolicy(List.of(), List.of(Channel.STABLE), List.of(), null, null);

        assertThatThrownBy(() -> PLANNER.plan(RECORDED,
                PlanRequests.linux().channel(Channel.NIGHTLY).build(), policy))
                .isInstanceOf(PolicyViolationException.class)
                .hasMessageContaining("nightly");
    }

    @Test
    void impossibleRequestGivesAReasonPerCandidateBackend() {
        assertThatThrownBy(() -> PLANNER.plan(RECORDED,
                PlanRequests.linux().nvidia("570.86.10").requirements("torch>=9").build(), FleetPolicy.OPEN))
                .isInstanceOfSatisfying(UnsatisfiableRequestException.class, unsatisfiable -> {
                    assertThat(unsatisfiable.reasons()).anySatisfy(reason -> assertThat(reason)
                            .startsWith("cu129: no torch>=9 for cp312 linux x86_64"));
                    assertThat(unsatisfiable.reasons()).anySatisfy(reason -> assertThat(reason)
                            .startsWith("cpu: "));
                });
    }

    @Test
    void gpuWithoutAcceleratedSetFallsBackToCpuWithAWarning() {
        // no CUDA build exists for s390x: the GPU goes unused
        PlanResult plan = PLANNER.plan(RECORDED,
                PlanRequests.linux().arch(Architecture.S390X).nvidia("570.86.10").build(), FleetPolicy.OPEN);

        assertThat(plan.backend()).isEqualTo(ComputeBackend.CPU);
        assertThat(plan.warnings()).anySatisfy(warning -> assertThat(warning).contains("GPU goes unused"));
    }

    @Test
    void aTorchWithoutItsPairedCompanionBuildIsRefusedRatherThanGivenAnotherRelease() {
        // torch 1.8.0 goes with torchvision 0.9.0, which has no cp39 aarch64 wheel; 0.9.1 and later do
        assertThatThrownBy(() -> PLANNER.plan(RECORDED, PlanRequests.linux().arch(Architecture.AARCH64).python("cp39")
                .requirements("torch==1.8.0", "torchvision").build(), FleetPolicy.OPEN))
                .isInstanceOfSatisfying(UnsatisfiableRequestException.class, unsatisfiable ->
                        assertThat(unsatisfiable.reasons()).containsExactly(
                                "cpu: torch 1.8.0 has no torchvision paired with it for cp39 linux aarch64"));
    }

    @Test
    void aTorchOutsideTheReleaseTableWithoutMetadataIsUnsatisfiableNamingThePair() {
        // torch 1.7.1 predates the table and its torchvision wheels offer no PEP 658 metadata: no pairing is known
        assertThatThrownBy(() -> PLANNER.plan(RECORDED, PlanRequests.linux().python("cp39")
                .requirements("torch<1.8", "torchvision").build(), FleetPolicy.OPEN))
                .isInstanceOfSatisfying(UnsatisfiableRequestException.class, unsatisfiable ->
                        assertThat(unsatisfiable.reasons()).containsExactly("cpu: no torchvision known to be paired"
                                + " with torch 1.7.1 (no PEP 658 metadata, not in the release table)"));
    }

    @Test
    void oldTorchPlansCarryNoPairingWarning() {
        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.linux().arch(Architecture.AARCH64).python("cp39")
                .requirements("torch<1.11", "torchvision", "torchaudio").build(), FleetPolicy.OPEN);

        assertThat(plan.warnings()).noneMatch(warning -> warning.contains("pair"));
        assertThat(plan.packages()).extracting(PlannedPackage::version)
                .noneMatch(version -> version.startsWith("2.") || version.matches("0\\.(1[5-9]|2\\d)\\..*"));
    }

    @Test
    void anExplicitBackendTheIndexLacksIsUnsatisfiable() {
        assertThatThrownBy(() -> PLANNER.plan(RECORDED, PlanRequests.linux().backend("cu99").build(),
                FleetPolicy.OPEN))
                .isInstanceOfSatisfying(UnsatisfiableRequestException.class, unsatisfiable ->
                        assertThat(unsatisfiable.reasons()).containsExactly("cu99: not on the stable index"));
    }

    @Test
    void aPreReleaseQualifiesOnStableOnlyWhenASpecifierNamesOne() {
        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.linux().nvidia("570.86.10").build(), FleetPolicy.OPEN);

        assertThat(plan.packages().get(0).version()).doesNotContain("dev").doesNotContain("rc");
        assertThat(plan.steps().get(0).argv()).doesNotContain("--pre");
    }

    @Test
    void missingGlibcAssumesTheNewestAndWarns() {
        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.linux().glibc(null).nvidia("570.86.10").build(),
                FleetPolicy.OPEN);

        assertThat(plan.packages().get(0).pin()).isEqualTo("torch==2.12.0+cu126");
        assertThat(plan.warnings()).anySatisfy(warning -> assertThat(warning).contains("glibc"));
    }

    @Test
    void anOldGlibcRulesOutManylinux228Wheels() {
        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.linux().glibc("2.17").nvidia("570.86.10").build(),
                FleetPolicy.OPEN);

        // every cu126+ build needs glibc 2.28; cu124's torch 2.6.0 also ships a plain linux_x86_64 wheel
        assertThat(plan.packages().get(0).filename()).isEqualTo("torch-2.6.0+cu124-cp312-cp312-linux_x86_64.whl");
        assertThat(plan.explanation()).contains("cu126: no torch for cp312 linux x86_64");
    }
}
