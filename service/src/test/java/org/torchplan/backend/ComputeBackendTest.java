package org.torchplan.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComputeBackendTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "cpu, cpu, CPU",
            "CPU, cpu, CPU",
            "' xpu ', xpu, XPU",
            "cu126, cu126, CUDA",
            "CU126, cu126, CUDA",
            "cu12.6, cu126, CUDA",
            "cuda12.6, cu126, CUDA",
            "CUDA12.6, cu126, CUDA",
            "cuda126, cu126, CUDA",
            "cu75, cu75, CUDA",
            "cu80, cu80, CUDA",
            "cu92, cu92, CUDA",
            "cu9.2, cu92, CUDA",
            "cu100, cu100, CUDA",
            "cuda10.0, cu100, CUDA",
            "cu110, cu110, CUDA",
            "cu132, cu132, CUDA",
            "cuda13.10, cu1310, CUDA",
            "cu1310, cu1310, CUDA",
            "rocm6.2.4, rocm6.2.4, ROCM",
            "ROCm6.4, rocm6.4, ROCM",
            "rocm3.10, rocm3.10, ROCM",
            "rocm4.0.1, rocm4.0.1, ROCM",
            "rocm5.4.2, rocm5.4.2, ROCM",
            "rocm7.2, rocm7.2, ROCM",
    })
    void parsesEverySpellingToTheCanonicalName(String text, String canonical, ComputeBackend.Kind kind) {
        ComputeBackend backend = ComputeBackend.parse(text);

        assertThat(backend).hasToString(canonical);
        assertThat(backend.kind()).isEqualTo(kind);
        assertThat(ComputeBackend.parse(canonical)).isEqualTo(backend);
        assertThat(ComputeBackend.parseOrNull(text)).isEqualTo(backend);
    }

    @ParameterizedTest(name = "{0} is CUDA {1}.{2}")
    @CsvSource({
            "cu126, 12, 6",
            "cu92, 9, 2",
            "cu100, 10, 0",
            "cu75, 7, 5",
            "cu110, 11, 0",
            "cu118, 11, 8",
            "cu130, 13, 0",
    })
    void readsTheCudaVersionOutOfThePackedFolderName(String text, int major, int minor) {
        ComputeBackend backend = ComputeBackend.parse(text);

        assertThat(backend.majorVersion()).isEqualTo(major);
        assertThat(backend.minorVersion()).isEqualTo(minor);
        assertThat(backend).isEqualTo(ComputeBackend.cuda(major, minor));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", "gpu", "cuda", "cu", "cu1", "cu12", "cu1206", "cu0126", "cu12.", "cu12.6.1",
            "cu12.06", "cu126x", "cuda-12.6", "rocm", "rocm6", "rocm6.", "rocm06.2", "rocm0.1", "rocm6.2.4.1",
            "rocm6..2", "mps", "xpu1", "cpu cpu", "cu9.10", "cu12345", "cu1.2", "cuda6.5", "cu65"})
    void rejectsUnknownNamesWithATypedErrorNamingInputAndAcceptedForms(String text) {
        assertThatThrownBy(() -> ComputeBackend.parse(text))
                .isInstanceOf(InvalidBackendException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("cu126")
                .hasMessageContaining("rocm6.2.4");
        assertThat(ComputeBackend.parseOrNull(text)).isNull();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"whl", "torch", "nightly", "cpu-cxx11-abi", "cu121_pypi_cudnn", "lts", "1.8", "0429d73",
            "cpu.cxx11.abi", "Cpu", "XPU", " rocm6.4 ", "cu12.6", "cuda", "cux", "rocmx", "xpux"})
    void parseOrNullAnswersWhatParseAnswersWithoutAnException(String text) {
        ComputeBackend parsed;
        try {
            parsed = ComputeBackend.parse(text);
        } catch (InvalidBackendException notABackend) {
            parsed = null;
        }
        assertThat(ComputeBackend.parseOrNull(text)).isEqualTo(parsed);
    }

    @Test
    void rejectsNullWithTheTypedError() {
        assertThatThrownBy(() -> ComputeBackend.parse(null)).isInstanceOf(InvalidBackendException.class);
    }

    @Test
    void ordersCudaAndRocmNumericallyNotAsStrings() {
        List<String> expected = List.of("cpu", "cu75", "cu80", "cu92", "cu100", "cu102", "cu110", "cu118", "cu126",
                "cu129", "cu130", "cu132", "rocm3.7", "rocm3.10", "rocm4.0.1", "rocm5.4.2", "rocm6.2", "rocm6.2.4",
                "rocm6.4", "rocm6.9", "rocm6.10", "rocm7.0", "rocm7.2", "xpu");
        List<ComputeBackend> shuffled = new ArrayList<>(expected.stream().map(ComputeBackend::parse).toList());
        Collections.shuffle(shuffled, new Random(42));

        Collections.sort(shuffled);

        assertThat(shuffled).extracting(ComputeBackend::toString).containsExactlyElementsOf(expected);
    }

    @Test
    void keepsRocmWithAndWithoutPatchDistinctButAdjacent() {
        ComputeBackend withoutPatch = ComputeBackend.parse("rocm6.2");
        ComputeBackend withZeroPatch = ComputeBackend.parse("rocm6.2.0");

        assertThat(withoutPatch).isNotEqualTo(withZeroPatch);
        assertThat(withoutPatch).isLessThan(withZeroPatch);
        assertThat(withZeroPatch).isLessThan(ComputeBackend.parse("rocm6.2.4"));
    }

    @Test
    void onlyCpuIsNotAccelerated() {
        assertThat(ComputeBackend.CPU.isAccelerated()).isFalse();
        assertThat(List.of("cu126", "rocm6.4", "xpu")).allSatisfy(
                name -> assertThat(ComputeBackend.parse(name).isAccelerated()).isTrue());
    }

    @Test
    void arbitraryStringsYieldABackendOrTheTypedError() {
        Random random = new Random(7);
        String alphabet = "cpuxdarom0123456789.-_ CU";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(10);
            for (int index = 0; index < length; index++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            try {
                ComputeBackend backend = ComputeBackend.parse(text.toString());
                assertThat(ComputeBackend.parse(backend.toString())).isEqualTo(backend);
            } catch (InvalidBackendException expected) {
                assertThat(expected.input()).isEqualTo(text.toString());
            }
        }
    }
}
