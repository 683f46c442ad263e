package org.torchplan.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every backend folder of the recorded download.pytorch.org index (2026-05-19), stable {@code /whl/} and
 * {@code /whl/nightly/}, copied here as data: each must parse to itself.
 */
class RecordedIndexBackendsTest {

    static final List<String> STABLE_FOLDERS = List.of(
            "cpu", "cu75", "cu80", "cu90", "cu91", "cu92", "cu100", "cu101", "cu102", "cu110", "cu111", "cu113",
            "cu115", "cu116", "cu117", "cu118", "cu121", "cu124", "cu126", "cu128", "cu129", "cu130", "cu132",
            "rocm3.7", "rocm3.8", "rocm3.10", "rocm4.0.1", "rocm4.1", "rocm4.2", "rocm4.3.1", "rocm4.5.2", "rocm5.0",
            "rocm5.1.1", "rocm5.2", "rocm5.3", "rocm5.4.2", "rocm5.5", "rocm5.6", "rocm5.7", "rocm6.0", "rocm6.1",
            "rocm6.2", "rocm6.2.4", "rocm6.3", "rocm6.4", "rocm7.0", "rocm7.1", "rocm7.2", "xpu");

    static final List<String> NIGHTLY_FOLDERS = List.of(
            "cpu", "cu92", "cu101", "cu102", "cu111", "cu113", "cu116", "cu118", "cu124", "cu126", "cu128", "cu129",
            "cu130", "cu132", "rocm5.1.1", "rocm5.2", "rocm5.3", "rocm6.3", "rocm6.4", "rocm7.1", "rocm7.2", "xpu");

    @ParameterizedTest(name = "whl/{0}")
    @FieldSource("STABLE_FOLDERS")
    void everyStableFolderParsesToItself(String folder) {
        assertThat(ComputeBackend.parse(folder)).hasToString(folder);
    }

    @ParameterizedTest(name = "whl/nightly/{0}")
    @FieldSource("NIGHTLY_FOLDERS")
    void everyNightlyFolderParsesToItself(String folder) {
        assertThat(ComputeBackend.parse(folder)).hasToString(folder);
    }
}
