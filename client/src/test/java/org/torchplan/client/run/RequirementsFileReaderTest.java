package org.torchplan.client.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequirementsFileReaderTest {

    @TempDir
    Path directory;

    private final RequirementsFileReader reader = new RequirementsFileReader(Map.of("TORCH_VERSION", "2.6.0"));

    private Path write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file;
    }

    @Test
    void commentsBlankLinesAndContinuationsAreReadAsPipDoes() throws IOException {
        Path file = write("requirements.txt", String.join("\n",
                "# the model stack",
                "",
                "torch>=2.4  # inline comment",
                "torchvision \\",
                "    >=0.19",
                "transformers[torch]; python_version >= \"3.9\"",
                "   ",
                "numpy#not-a-comment",
                ""));

        assertThat(reader.read(file)).containsExactly("torch>=2.4", "torchvision     >=0.19",
                "transformers[torch]; python_version >= \"3.9\"", "numpy#not-a-comment");
    }

    @Test
    void aCommentLineEndsAContinuation() throws IOException {
        Path file = write("requirements.txt", "torch \\\n# a comment\ntorchaudio\n");

        assertThat(reader.read(file)).containsExactly("torch", "torchaudio");
    }

    @Test
    void nestedIncludesAreRelativeToTheIncludingFileAndKeepTheirPlace() throws IOException {
        write("base/common.txt", "numpy\n-r ../more/extra.txt\n");
        write("more/extra.txt", "pillow\n");
        Path file = write("requirements.txt", "torch\n-r base/common.txt\n--requirement=more/extra.txt\ntorchvision\n");

        assertThat(reader.read(file)).containsExactly("torch", "numpy", "pillow", "pillow", "torchvision");
    }

    @Test
    void environmentVariablesInBracesAreExpanded() throws IOException {
        Path file = write("requirements.txt", "torch==${TORCH_VERSION}\nfoo==${UNSET_VARIABLE}\n");

        assertThat(reader.read(file)).containsExactly("torch==2.6.0", "foo==${UNSET_VARIABLE}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "--index-url https://download.pytorch.org/whl/cu126",
        "-i https://example.org/simple",
        "--extra-index-url=https://example.org/simple",
        "--find-links /opt/wheels",
        "-e ./my-package",
        "-c constraints.txt",
        "--pre",
        "torch==2.6.0 --hash=sha256:0123456789abcdef",
    })
    void optionsAreRefusedNamingTheFileLineAndOption(String line) throws IOException {
        Path file = write("requirements.txt", "numpy\n\n" + line + "\n");
        String option = line.startsWith("torch") ? "--hash" : line.split("[ =]")[0];

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(RequirementsFileException.class)
                .hasMessageContaining("requirements.txt:3")
                .hasMessageContaining("'" + option + "' is not supported");
    }

    @Test
    void aMissingIncludedFileNamesTheIncludingFile() throws IOException {
        Path file = write("requirements.txt", "-r missing.txt\n");

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(RequirementsFileException.class)
                .hasMessageContaining("missing.txt: no such file")
                .hasMessageContaining("included from");
    }

    @Test
    void anIncludeCycleIsReportedInsteadOfLoopingForever() throws IOException {
        write("a.txt", "torch\n-r b.txt\n");
        write("b.txt", "-r a.txt\n");

        assertThatThrownBy(() -> reader.read(directory.resolve("a.txt")))
                .isInstanceOf(RequirementsFileException.class)
                .hasMessageContaining("includes itself");
    }

    @Test
    void markersContainingDashesAreNotOptions() throws IOException {
        Path file = write("requirements.txt", "pywin32; sys_platform == \"win32\" and platform_release != \"-1\"\n");

        assertThat(reader.read(file)).hasSize(1);
    }
}
