package org.torchplan.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ComputeCapabilityTableTest {

    /** The device columns of backend/cuda-kernel-support.txt, in order. */
    private static final List<String> DEVICES = List.of("3.5", "3.7", "5.0", "6.1", "7.0", "7.2", "7.5", "8.0", "8.6",
            "8.9", "9.0", "10.0", "10.3", "11.0", "12.0", "13.0");

    private record Expectation(TorchSeries series, ComputeBackend backend, BuildPlatform platform, String answers) {
    }

    private static List<Expectation> expectations() {
        List<Expectation> expectations = new ArrayList<>();
        for (String line : resource("/backend/cuda-kernel-support.txt").lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.trim().split("\\s+");
            expectations.add(new Expectation(TorchSeries.parse(fields[0]), ComputeBackend.parse(fields[1]),
                    platform(fields[2]), fields[3]));
        }
        return expectations;
    }

    static Stream<Arguments> everyRecordedBuildAndDevice() {
        List<Arguments> cases = new ArrayList<>();
        for (Expectation expectation : expectations()) {
            assertThat(expectation.answers()).hasSize(DEVICES.size());
            for (int column = 0; column < DEVICES.size(); column++) {
                cases.add(Arguments.of(expectation.series(), expectation.backend(), expectation.platform(),
                        DEVICES.get(column), expectation.answers().charAt(column)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "torch {0} {1} {2}, compute capability {3}: {4}")
    @MethodSource("everyRecordedBuildAndDevice")
    void answersEveryRecordedBuildAsItsListSays(TorchSeries series, ComputeBackend backend, BuildPlatform platform,
            String device, char expected) {
        KernelAnswer answer = ComputeCapabilityTable.answer(series, false, backend, platform,
                ComputeCapability.parse(device));

        assertThat(letter(answer)).isEqualTo(expected);
    }

    @Test
    void theExpectationsCoverEveryRecordedBuildAndNothingElse() {
        Set<String> expected = expectations().stream()
                .map(expectation -> expectation.series() + " " + expectation.backend() + " " + expectation.platform())
                .collect(Collectors.toSet());
        Set<String> recorded = ComputeCapabilityTable.recordedBuilds().stream()
                .map(build -> build.series() + " " + build.backend() + " " + build.platform())
                .collect(Collectors.toSet());

        assertThat(recorded).isEqualTo(expected);
        assertThat(ComputeCapabilityTable.recordedBuilds()).allSatisfy(build -> assertThat(build.source()).isNotBlank());
    }

    @Test
    void theRecordedH200ReadingDecidesTorch211Cu130OnLinux() {
        // shared/hardware/nvidia-h200-linux: get_arch_list() sm_75 sm_80 sm_86 sm_90 sm_100 sm_120, no compute_120
        ComputeCapabilityTable.RecordedBuild build = ComputeCapabilityTable.recorded(TorchSeries.parse("2.11"),
                ComputeBackend.parse("cu130"), BuildPlatform.LINUX_X86_64).orElseThrow();

        assertThat(build.architectures().archNames())
                .containsExactly("sm_75", "sm_80", "sm_86", "sm_90", "sm_100", "sm_120");
        assertThat(build.evidence()).isEqualTo(Evidence.INSTALLED_WHEEL);
        assertThat(build.source()).contains("H200");
        assertThat(ComputeCapabilityTable.answer(TorchSeries.parse("2.11"), false, ComputeBackend.parse("cu130"),
                BuildPlatform.LINUX_X86_64, ComputeCapability.parse("9.0")).support()).isEqualTo(Support.YES);
    }

    @Test
    void ptxOnlyAnswersNameTheArchitectureCompiledAndWarnAboutStartUp() {
        KernelAnswer answer = ComputeCapabilityTable.answer(TorchSeries.parse("2.12"), false,
                ComputeBackend.parse("cu130"), BuildPlatform.LINUX_X86_64, ComputeCapability.parse("13.0"));

        assertThat(answer.support()).isEqualTo(Support.YES);
        assertThat(answer.ptx()).contains(ComputeCapability.parse("12.0"));
        assertThat(answer.warning()).hasValueSatisfying(warning -> assertThat(warning)
                .contains("torch 2.12 cu130 (linux-x86_64)", "compute_120", "first start compiles"));
    }

    @ParameterizedTest(name = "torch {0} {1} {2}, compute capability {3}: {4}, inferred {5}")
    @CsvSource({
            // newer than the table: the newest list of the backend, else of its CUDA major, marked inferred
            "2.13, false, cu130, linux-x86_64, 8.6, YES, true",
            "2.13, false, cu130, linux-x86_64, 7.0, NO, true",
            "2.13, false, cu134, linux-x86_64, 12.0, YES, true",
            "2.13, false, cu126, windows-x86_64, 6.1, YES, true",
            // a nightly build of a recorded series is inferred from that series
            "2.12, true, cu130, linux-x86_64, 9.0, YES, true",
            // no list and nothing to infer from: unknown, unless the toolkit's floor decides
            "3.0, false, cu140, linux-x86_64, 8.6, UNKNOWN, false",
            "2.6, false, cu126, linux-aarch64, 9.0, UNKNOWN, false",
            "2.6, false, cu126, linux-aarch64, 3.7, NO, false",
            "2.7, false, cu128, linux-aarch64, 6.1, UNKNOWN, false",
            "2.7, false, cu128, linux-aarch64, 3.7, NO, false",
            "1.13, false, cu117, linux-x86_64, 8.6, UNKNOWN, false",
            "1.13, false, cu117, linux-x86_64, 3.0, NO, false",
            "2.13, false, cu132, linux-aarch64, 7.0, NO, true",
    })
    void answersBeyondTheRecordedBuilds(String series, boolean nightly, String backend, String platform,
            String device, Support support, boolean inferred) {
        KernelAnswer answer = ComputeCapabilityTable.answer(TorchSeries.parse(series), nightly,
                ComputeBackend.parse(backend), platform(platform), ComputeCapability.parse(device));

        assertThat(answer.support()).isEqualTo(support);
        assertThat(answer.inferred()).isEqualTo(inferred);
    }

    @Test
    void unknownAnswersWarnNamingTheBuildAndTheDevice() {
        KernelAnswer answer = ComputeCapabilityTable.answer(TorchSeries.parse("2.8"), false,
                ComputeBackend.parse("cu128"), BuildPlatform.WINDOWS_X86_64, ComputeCapability.parse("6.1"));

        assertThat(answer.support()).isEqualTo(Support.UNKNOWN);
        assertThat(answer.warning()).hasValueSatisfying(warning -> assertThat(warning)
                .startsWith("not known whether torch 2.8 cu128 (windows-x86_64) carries kernels for compute capability 6.1")
                .contains("not established below 7.0", "no kernel image is available"));
    }

    @Test
    void aToolkitFloorIsTheCompilersNotTheTables() {
        assertThat(ComputeCapabilityTable.toolkitFloor(ComputeBackend.parse("cu126"))).contains(ComputeCapability.parse("5.0"));
        assertThat(ComputeCapabilityTable.toolkitFloor(ComputeBackend.parse("cu132"))).contains(ComputeCapability.parse("7.5"));
        assertThat(ComputeCapabilityTable.toolkitFloor(ComputeBackend.parse("cu102"))).isEmpty();
    }

    @Test
    void rejectsANonCudaBackend() {
        assertThatThrownBy(() -> ComputeCapabilityTable.answer(TorchSeries.parse("2.8"), false,
                ComputeBackend.parse("rocm6.4"), BuildPlatform.LINUX_X86_64, ComputeCapability.parse("8.6")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static char letter(KernelAnswer answer) {
        char letter = switch (answer.support()) {
            case YES -> answer.ptx().isPresent() ? 'P' : 'Y';
            case NO -> 'N';
            case UNKNOWN -> 'U';
        };
        return answer.inferred() ? Character.toLowerCase(letter) : letter;
    }

    private static BuildPlatform platform(String id) {
        return Stream.of(BuildPlatform.values()).filter(platform -> platform.id().equals(id)).findFirst().orElseThrow();
    }

    private static String resource(String name) {
        try (InputStream stream = ComputeCapabilityTableTest.class.getResourceAsStream(name)) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
