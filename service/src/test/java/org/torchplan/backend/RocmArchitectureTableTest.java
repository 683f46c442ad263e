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
import org.junit.jupiter.params.provider.ValueSource;

class RocmArchitectureTableTest {

    private static final List<ComputeBackend> INDEX_BACKENDS = RecordedIndexBackendsTest.STABLE_FOLDERS.stream()
            .map(ComputeBackend::parse)
            .toList();

    /** The architecture columns of backend/rocm-kernel-support.txt, in order. */
    private static final List<String> ARCHITECTURES = List.of("gfx900", "gfx906", "gfx908", "gfx90a", "gfx942",
            "gfx950", "gfx1030", "gfx1100", "gfx1101", "gfx1102", "gfx1150", "gfx1151", "gfx1200", "gfx1201", "gfx803");

    private static List<String[]> expectations() {
        try (InputStream stream = RocmArchitectureTableTest.class.getResourceAsStream("/backend/rocm-kernel-support.txt")) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.trim().split("\\s+"))
                    .toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    static Stream<Arguments> everyRecordedBuildAndArchitecture() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] fields : expectations()) {
            assertThat(fields[2]).hasSize(ARCHITECTURES.size());
            for (int column = 0; column < ARCHITECTURES.size(); column++) {
                cases.add(Arguments.of(fields[0], fields[1], ARCHITECTURES.get(column), fields[2].charAt(column)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "torch {0} {1}, {2}: {3}")
    @MethodSource("everyRecordedBuildAndArchitecture")
    void answersEveryRecordedBuildAsItsListSays(String series, String rocm, String architecture, char expected) {
        KernelAnswer answer = RocmArchitectureTable.answer(TorchSeries.parse(series), false, architecture,
                ComputeBackend.parse(rocm));

        char letter = answer.support().name().charAt(0);
        assertThat(answer.inferred() ? Character.toLowerCase(letter) : letter).isEqualTo(expected);
    }

    @Test
    void theExpectationsCoverEveryRecordedBuildAndNothingElse() {
        Set<String> expected = expectations().stream().map(fields -> fields[0] + " " + fields[1])
                .collect(Collectors.toSet());
        Set<String> recorded = RocmArchitectureTable.recordedBuilds().stream()
                .map(build -> build.series() + " " + build.backend()).collect(Collectors.toSet());

        assertThat(recorded).isEqualTo(expected);
        assertThat(RocmArchitectureTable.recordedBuilds()).allSatisfy(build -> assertThat(build.source()).isNotBlank());
    }

    @ParameterizedTest(name = "torch {0} (nightly {1}) {2}, {3}: {4}, inferred {5}")
    @CsvSource({
            "2.13, false, rocm7.2, gfx90a, YES, true",
            "2.13, false, rocm7.2, gfx803, NO, true",
            "2.12, true, rocm7.2, gfx1151, YES, true",
            "1.13, false, rocm5.2, gfx90a, UNKNOWN, false",
            "2.13, false, rocm7.3, gfx90a, UNKNOWN, false",
    })
    void answersBeyondTheRecordedBuilds(String series, boolean nightly, String rocm, String architecture,
            Support support, boolean inferred) {
        KernelAnswer answer = RocmArchitectureTable.answer(TorchSeries.parse(series), nightly, architecture,
                ComputeBackend.parse(rocm));

        assertThat(answer.support()).isEqualTo(support);
        assertThat(answer.inferred()).isEqualTo(inferred);
    }

    @ParameterizedTest(name = "{0} on any torch build of {1}: {2}")
    @CsvSource({
            "gfx90a, rocm5.3, YES",
            "gfx1100, rocm5.4.2, NO",
            "gfx942, rocm5.7, NO",
            "gfx942, rocm6.0, YES",
            // torch 2.7.1+rocm6.3 and +rocm6.2.4 as installed carry RDNA 4 (astral-sh/uv#14086)
            "gfx1200, rocm6.3, YES",
            "gfx1201, rocm6.2.4, YES",
            "gfx1200, rocm6.1, UNKNOWN",
            "gfx950, rocm6.4, NO",
            "gfx950, rocm7.0, YES",
            "gfx1151, rocm7.1, NO",
            "gfx1151, rocm7.2, YES",
            "gfx90a, rocm7.3, UNKNOWN",
            "gfx90a, rocm5.2, UNKNOWN",
            "gfx803, rocm6.0, NO",
    })
    void answersPerBackendAcrossItsTorchReleases(String architecture, String rocm, Support expected) {
        assertThat(RocmArchitectureTable.support(architecture, ComputeBackend.parse(rocm))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"gfx90a", "GFX90A", " gfx90a ", "gfx90a:sramecc+:xnack-", "gfx90a:xnack+"})
    void normalizesRocminfoSpellings(String text) {
        assertThat(RocmArchitectureTable.normalizeArchitecture(text)).isEqualTo("gfx90a");
        assertThat(RocmArchitectureTable.support(text, ComputeBackend.parse("rocm6.4"))).isEqualTo(Support.YES);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "90a", "gfx", "gfx9", "gfxzz0", "navi31", "gfx90a::", "gfx1100 gfx1101"})
    void rejectsNonArchitecturesWithTheTypedError(String text) {
        assertThatThrownBy(() -> RocmArchitectureTable.normalizeArchitecture(text))
                .isInstanceOf(InvalidHardwareException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void listsTheCarryingBackendsNewestFirst() {
        assertThat(RocmArchitectureTable.backendsCarrying("gfx1201", INDEX_BACKENDS))
                .extracting(ComputeBackend::toString)
                .containsExactly("rocm7.2", "rocm7.1", "rocm7.0", "rocm6.4", "rocm6.3", "rocm6.2.4");
        assertThat(RocmArchitectureTable.backendsCarrying("gfx90a", INDEX_BACKENDS))
                .extracting(ComputeBackend::toString)
                .containsExactly("rocm7.2", "rocm7.1", "rocm7.0", "rocm6.4", "rocm6.3", "rocm6.2.4", "rocm6.2",
                        "rocm6.1", "rocm6.0", "rocm5.7", "rocm5.6", "rocm5.5", "rocm5.4.2", "rocm5.3");
    }

    @Test
    void listsEveryArchitectureSomeBuildCarries() {
        assertThat(RocmArchitectureTable.architectures())
                .contains("gfx90a", "gfx942", "gfx950", "gfx1100", "gfx1151", "gfx1201")
                .doesNotContain("gfx803")
                .doesNotHaveDuplicates()
                .allSatisfy(architecture -> assertThat(RocmArchitectureTable.firstCarrying(architecture)).isPresent());
    }

    @Test
    void anArchitectureNoBuildCarriesHasNoCarryingBackend() {
        assertThat(RocmArchitectureTable.backendsCarrying("gfx803", INDEX_BACKENDS)).isEmpty();
        assertThat(RocmArchitectureTable.firstCarrying("gfx803")).isEmpty();
    }

    @Test
    void rejectsANonRocmBackend() {
        assertThatThrownBy(() -> RocmArchitectureTable.support("gfx90a", ComputeBackend.parse("cu126")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
