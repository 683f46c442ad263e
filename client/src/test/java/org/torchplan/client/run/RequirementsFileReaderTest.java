package org.torchplan.client.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The requirements-file table: what pip reads in a file, and what torchplan makes of each kind of line. */
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

    private RequirementsInput read(Path file) {
        RequirementsInput input = new RequirementsInput();
        reader.read(file, RequirementsFileReader.Kind.REQUIREMENTS, input);
        return input;
    }

    private static List<String> texts(List<RequirementLine> lines) {
        return lines.stream().map(RequirementLine::text).toList();
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

        assertThat(texts(read(file).requirements())).containsExactly("torch>=2.4", "torchvision     >=0.19",
                "transformers[torch]; python_version >= \"3.9\"", "numpy#not-a-comment");
    }

    @Test
    void aUtf8ByteOrderMarkIsSkippedAsPipSkipsIt() throws IOException {
        Path file = directory.resolve("requirements.txt");
        Files.write(file, ("\uFEFFtorch>=2.4\r\n--extra-index-url https://download.pytorch.org/whl/cu121\r\n")
                .getBytes(StandardCharsets.UTF_8));

        RequirementsInput input = read(file);

        assertThat(texts(input.requirements())).containsExactly("torch>=2.4");
        assertThat(input.notices()).hasSize(1);
    }

    @Test
    void textThatIsNotUtf8SaysSo() throws IOException {
        Path file = directory.resolve("requirements.txt");
        Files.write(file, new byte[] {'t', 'o', 'r', 'c', 'h', (byte) 0xff, '\n'});

        assertThatThrownBy(() -> read(file)).isInstanceOf(RequirementsFileException.class)
                .hasMessageContaining("requirements.txt: it is not UTF-8 text; save it as UTF-8");
    }

    @Test
    void aCommentLineEndsAContinuation() throws IOException {
        Path file = write("requirements.txt", "torch \\\n# a comment\ntorchaudio\n");

        assertThat(texts(read(file).requirements())).containsExactly("torch", "torchaudio");
    }

    @Test
    void nestedRequirementsAndConstraintsFilesAreRelativeToTheFileNamingThem() throws IOException {
        write("base/common.txt", "numpy\n-r ../more/extra.txt\n-c ../pins/numpy.txt\n");
        write("more/extra.txt", "pillow\n");
        write("pins/numpy.txt", "numpy<2 --hash=sha256:00aa\n");
        // as pip: a -r inside a constraints file names requirements, a -c inside a requirements file constraints
        write("constraints.txt", "torchvision==0.27.0\n-rmore/extra.txt\n");
        Path file = write("requirements.txt",
                "torch\n-r base/common.txt\n--constraint=constraints.txt\n--requirement=more/extra.txt\ntorchvision\n");

        RequirementsInput input = read(file);

        assertThat(texts(input.requirements())).containsExactly("torch", "numpy", "pillow", "pillow", "pillow",
                "torchvision");
        assertThat(input.requirements().get(1).origin()).endsWith("common.txt:1");
        assertThat(input.requirements().get(5).origin()).endsWith("requirements.txt:5");
        assertThat(input.constraints()).extracting(RequirementLine::text, RequirementLine::hashes).containsExactly(
                org.assertj.core.groups.Tuple.tuple("numpy<2", List.of("sha256:00aa")),
                org.assertj.core.groups.Tuple.tuple("torchvision==0.27.0", List.of()));
        assertThat(input.constraints().get(0).origin()).endsWith("numpy.txt:1");
    }

    @Test
    void environmentVariablesInBracesAreExpanded() throws IOException {
        Path file = write("requirements.txt", "torch==${TORCH_VERSION}\nfoo==${UNSET_VARIABLE}\n");

        assertThat(texts(read(file).requirements())).containsExactly("torch==2.6.0", "foo==${UNSET_VARIABLE}");
    }

    /** Lines choosing indexes: read past, with a notice naming file and line; the plan's indexes are used. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--index-url https://download.pytorch.org/whl/cu126  | --index-url https://download.pytorch.org/whl/cu126",
        "-i https://example.org/simple                       | --index-url https://example.org/simple",
        "-ihttps://example.org/simple                        | --index-url https://example.org/simple",
        "--extra-index-url=https://download.pytorch.org/whl/cu121 | --extra-index-url https://download.pytorch.org/whl/cu121",
        "--find-links /opt/wheels                            | --find-links /opt/wheels",
        "-f https://download.pytorch.org/whl/torch_stable.html | --find-links https://download.pytorch.org/whl/torch_stable.html",
        "--no-index                                          | --no-index",
        "--trusted-host download.pytorch.org                 | --trusted-host download.pytorch.org",
    })
    void indexLinesAreReplacedByThePlansIndexesWithANotice(String line, String given) throws IOException {
        Path file = write("requirements.txt", "numpy\n\n" + line + "\ntorch\n");

        RequirementsInput input = read(file);

        assertThat(texts(input.requirements())).containsExactly("numpy", "torch");
        assertThat(input.notices()).singleElement().asString()
                .endsWith("requirements.txt:3: " + given + " is not used: the plan names the indexes (the fleet "
                        + "policy chooses them)");
    }

    @Test
    void hashesStayWithTheirRequirementOnOneLineOrContinued() throws IOException {
        Path file = write("requirements.txt", String.join("\n",
                "numpy==2.0.2 --hash=sha256:aa --hash sha256:bb",
                "pillow==11.0.0 \\",
                "    --hash=sha256:cc \\",
                "    --hash=sha256:dd",
                "torch==2.5.1 ; python_version >= \"3.9\" --hash=sha256:ee",
                ""));

        RequirementsInput input = read(file);

        assertThat(input.requirements()).containsExactly(
                new RequirementLine("numpy==2.0.2", input.requirements().get(0).origin(), List.of("sha256:aa", "sha256:bb")),
                new RequirementLine("pillow==11.0.0", input.requirements().get(1).origin(), List.of("sha256:cc", "sha256:dd")),
                new RequirementLine("torch==2.5.1 ; python_version >= \"3.9\"", input.requirements().get(2).origin(),
                        List.of("sha256:ee")));
        assertThat(input.requirements().get(1).origin()).endsWith("requirements.txt:2");
        assertThat(input.hashesByName()).containsEntry("numpy", List.of("sha256:aa", "sha256:bb"))
                .containsEntry("torch", List.of("sha256:ee"));
    }

    /** What the plan cannot install from an index is refused, naming file, line and reason. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "-e ./my-package                              | --editable ./my-package is not supported: the plan installs "
                + "wheels from an index, not a project in development",
        "--editable=git+https://example.org/x.git     | --editable git+https://example.org/x.git is not supported",
        "./local-package                              | './local-package' is a local path: the plan installs packages by "
                + "name from indexes; install it with pip after torchplan",
        "../wheels/torch-2.5.1-cp312-cp312-linux_x86_64.whl | is a local path",
        "/opt/dist/foo-1.0.tar.gz                     | '/opt/dist/foo-1.0.tar.gz' is a local path",
        "foo-1.0-py3-none-any.whl                     | is a local path",
        "https://example.org/foo-1.0-py3-none-any.whl | is a URL",
        "git+https://example.org/foo.git              | is a URL",
        "file:///tmp/foo                              | is a URL",
        "--no-binary :all:                            | --no-binary :all: is not supported: the plan installs wheels",
        "--platform manylinux2014_x86_64              | --platform manylinux2014_x86_64 is not supported",
        "--frobnicate                                 | option '--frobnicate' is not one torchplan knows",
        "torch --global-option=--verbose              | option '--global-option' after a requirement is not supported",
        "-r https://example.org/requirements.txt      | including a file by URL is not supported",
        "-c                                           | the option names no file",
    })
    void whatThePlanCannotInstallIsRefusedNamingFileAndLine(String line, String reason) throws IOException {
        Path file = write("requirements.txt", "numpy\n\n" + line + "\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(RequirementsFileException.class)
                .hasMessageContaining("requirements.txt:3: ")
                .hasMessageContaining(reason);
    }

    @Test
    void pipOptionsOfTheWholeInstallAreKeptForPip() throws IOException {
        Path file = write("requirements.txt",
                "--prefer-binary\n--only-binary :all:\n--require-hashes\n--pre\n--use-feature=truststore\ntorch\n");

        RequirementsInput input = read(file);

        assertThat(input.pipArguments()).containsExactly("--prefer-binary", "--only-binary", ":all:",
                "--require-hashes", "--use-feature", "truststore");
        assertThat(input.preReleases()).isTrue();
        assertThat(texts(input.requirements())).containsExactly("torch");
    }

    @Test
    void aMissingIncludedFileNamesTheIncludingFile() throws IOException {
        Path file = write("requirements.txt", "-r missing.txt\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(RequirementsFileException.class)
                .hasMessageContaining("missing.txt: no such file")
                .hasMessageContaining("included from");
    }

    @Test
    void anIncludeCycleIsReportedInsteadOfLoopingForever() throws IOException {
        write("a.txt", "torch\n-r b.txt\n");
        write("b.txt", "-c a.txt\n");

        assertThatThrownBy(() -> read(directory.resolve("a.txt")))
                .isInstanceOf(RequirementsFileException.class)
                .hasMessageContaining("includes itself");
    }

    @Test
    void markersContainingDashesAreNotOptions() throws IOException {
        Path file = write("requirements.txt", "pywin32; sys_platform == \"win32\" and platform_release != \"-1\"\n");

        assertThat(read(file).requirements()).hasSize(1);
    }

    @Test
    void theServicesFieldsAreNamedByFileAndLineOrArgument() throws IOException {
        Path file = write("requirements.txt", "numpy\n\ntorch>=\n");
        RequirementsInput input = new RequirementsInput();
        input.addArgument("torchvision", 1);
        reader.read(file, RequirementsFileReader.Kind.REQUIREMENTS, input);

        assertThat(input.label("requirements[0]")).isEqualTo("argument 1");
        assertThat(input.label("requirements[2]")).endsWith("requirements.txt:3");
        assertThat(input.label("requirements[3]")).isEqualTo("requirements[3]");
        assertThat(input.label("requirements[99999999999]")).isEqualTo("requirements[99999999999]");
        assertThat(input.label("gpu.driverVersion")).isEqualTo("gpu.driverVersion");
    }

    @Test
    void aLocalPathGivenAsAnArgumentIsRefusedToo() {
        assertThatThrownBy(() -> new RequirementsInput().addArgument("./my-package", 2))
                .isInstanceOf(RequirementsFileException.class)
                .hasMessage("argument 2: './my-package' is a local path: the plan installs packages by name from "
                        + "indexes; install it with pip after torchplan");
    }
}
