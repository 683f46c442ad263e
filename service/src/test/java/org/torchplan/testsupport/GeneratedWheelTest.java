package org.torchplan.testsupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratedWheelTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            torch-2.12.0+cu126-cp311-cp311-manylinux_2_28_x86_64.whl           | torch          | 2.12.0+cu126              | Tag: cp311-cp311-manylinux_2_28_x86_64
            torch-2.0.0-1-cp310-cp310-manylinux2014_aarch64.whl                 | torch          | 2.0.0                     | Build: 1
            torchvision-0.24.0+e437e35-cp312-cp312-macosx_11_0_arm64.whl        | torchvision    | 0.24.0+e437e35            | Tag: cp312-cp312-macosx_11_0_arm64
            torchaudio-2.12.0.dev20260407+cu128-cp313-cp313t-win_amd64.whl      | torchaudio     | 2.12.0.dev20260407+cu128  | Tag: cp313-cp313t-win_amd64
            torch_tensorrt-2.5.0-cp312-cp312-manylinux_2_28_x86_64.whl          | torch_tensorrt | 2.5.0                     | Root-Is-Purelib: false
            tinyapp-1.0.0-py2.py3-none-any.whl                                  | tinyapp        | 1.0.0                     | Root-Is-Purelib: true
            """)
    void wheelHoldsModuleMetadataWheelAndRecordForAnyFileName(String fileName, String module, String version,
                                                             String wheelLine) throws IOException {
        GeneratedWheel wheel = GeneratedWheel.generate(fileName, List.of(), null);
        Map<String, byte[]> files = unzip(wheel.bytes());
        String distInfo = fileName.substring(0, fileName.indexOf('-', fileName.indexOf('-') + 1)) + ".dist-info";

        assertThat(files).containsOnlyKeys(module + "/__init__.py",
                distInfo + "/METADATA", distInfo + "/WHEEL", distInfo + "/RECORD");
        assertThat(text(files, module + "/__init__.py")).isEqualTo("__version__ = \"" + version + "\"\n");
        assertThat(text(files, distInfo + "/METADATA"))
                .startsWith("Metadata-Version: 2.1\nName: " + module + "\nVersion: " + version + "\n")
                .isEqualTo(new String(wheel.metadata(), StandardCharsets.UTF_8));
        assertThat(text(files, distInfo + "/WHEEL")).startsWith("Wheel-Version: 1.0\n").contains(wheelLine + "\n");
    }

    @Test
    void wheelListsEveryExpandedTagOfACompressedTagSet() throws IOException {
        GeneratedWheel wheel = GeneratedWheel.generate("tinyapp-1.0.0-py2.py3-none-any.whl", List.of(), null);

        assertThat(text(unzip(wheel.bytes()), "tinyapp-1.0.0.dist-info/WHEEL").lines().filter(line -> line.startsWith("Tag: ")))
                .containsExactly("Tag: py2-none-any", "Tag: py3-none-any");
    }

    @Test
    void recordNamesTheDigestAndSizeOfEveryOtherFile() throws IOException {
        Map<String, byte[]> files = unzip(GeneratedWheel.generate(
                "torch-2.12.0+cu126-cp311-cp311-manylinux_2_28_x86_64.whl", List.of(), null).bytes());
        String recordPath = "torch-2.12.0+cu126.dist-info/RECORD";

        List<String> lines = text(files, recordPath).lines().toList();
        assertThat(lines).hasSize(files.size()).last().isEqualTo(recordPath + ",,");
        for (String line : lines.subList(0, lines.size() - 1)) {
            String[] fields = line.split(",");
            byte[] content = files.get(fields[0]);
            String digest = Base64.getUrlEncoder().withoutPadding().encodeToString(GeneratedWheel.sha256(content));
            assertThat(fields).as(line).containsExactly(fields[0], "sha256=" + digest, String.valueOf(content.length));
        }
    }

    @Test
    void metadataDeclaresRequirementsAndRequiresPythonWhenGiven() {
        GeneratedWheel wheel = GeneratedWheel.generate("tinyapp-1.0.0-py3-none-any.whl",
                List.of("torch>=2.4", "numpy; python_version >= \"3.10\""), ">=3.9");

        assertThat(new String(wheel.metadata(), StandardCharsets.UTF_8)).contains(
                "Requires-Python: >=3.9\n",
                "Requires-Dist: torch>=2.4\n",
                "Requires-Dist: numpy; python_version >= \"3.10\"\n");
        assertThat(wheel.requiresPython()).contains(">=3.9");
    }

    @Test
    void companionForAnIndexFileRequiresItsPairedTorchAndTorchRequiresNothing() {
        String torchvision = new String(GeneratedWheel.forIndexFile(
                "torchvision-0.27.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl", new PytorchReleaseMatrix()).metadata(),
                StandardCharsets.UTF_8);
        String torch = new String(GeneratedWheel.forIndexFile(
                "torch-2.12.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl", new PytorchReleaseMatrix()).metadata(),
                StandardCharsets.UTF_8);

        assertThat(torchvision).contains("Requires-Dist: torch==2.12.0\n");
        assertThat(torch).doesNotContain("Requires-Dist");
    }

    @Test
    void sameInputsGiveTheSameBytesSoDigestsAreStable() {
        String fileName = "torch-2.12.0+cu126-cp311-cp311-manylinux_2_28_x86_64.whl";
        GeneratedWheel first = GeneratedWheel.generate(fileName, List.of("filelock"), null);
        GeneratedWheel second = GeneratedWheel.generate(fileName, List.of("filelock"), null);

        assertThat(first.bytes()).isEqualTo(second.bytes());
        assertThat(first.sha256()).isEqualTo(second.sha256()).hasSize(64).matches("[0-9a-f]+");
        assertThat(GeneratedWheel.generate(fileName, List.of(), null).sha256()).isNotEqualTo(first.sha256());
    }

    @ParameterizedTest
    @ValueSource(strings = {"torch-2.12.0.tar.gz", "torch-2.12.0-cp311.whl", "torch--cp311-cp311-any.whl",
            "a-1-2-3-4-5-6.whl", "dir/torch-2.12.0-cp311-cp311-any.whl"})
    void fileNamesThatAreNoWheelNamesAreRejected(String fileName) {
        assertThatThrownBy(() -> GeneratedWheel.generate(fileName, List.of(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(fileName);
    }

    private static Map<String, byte[]> unzip(byte[] wheel) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(wheel))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), zip.readAllBytes());
            }
        }
        return files;
    }

    private static String text(Map<String, byte[]> files, String path) {
        assertThat(files).containsKey(path);
        return new String(files.get(path), StandardCharsets.UTF_8);
    }
}
