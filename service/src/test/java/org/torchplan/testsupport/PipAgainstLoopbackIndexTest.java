package org.torchplan.testsupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Real pip, offline, against the loopback index: the proof that the test support is something pip accepts. */
class PipAgainstLoopbackIndexTest {

    private static final List<String> LINUX_X86_64 = List.of("manylinux_2_28_x86_64");
    /** What a glibc 2.28 machine accepts; {@link #LINUX_X86_64} alone refuses the older linux_x86_64 wheels. */
    private static final List<String> LINUX_X86_64_ALL_GLIBC_2_28 = PipPlatforms.linux("2.28", "x86_64");

    private static LoopbackWheelIndex index;
    private static PipRunner pip;

    @BeforeAll
    static void start() {
        pip = PipRunner.locate();
        index = LoopbackWheelIndex.start();
    }

    @AfterAll
    static void stop() {
        if (index != null) {
            index.close();
        }
    }

    @Test
    void dryRunPicksTheNewestTorchOfTheBackendIndexForAnotherMachine() {
        List<PipInstallChoice> choices = pip.dryRunReport(index.indexUrl("cu126"), List.of("torch"),
                "3.12", LINUX_X86_64, "cp312", "cp");

        String fileName = "torch-2.12.0+cu126-cp312-cp312-manylinux_2_28_x86_64.whl";
        assertThat(choices).containsExactly(new PipInstallChoice("torch", "2.12.0+cu126",
                index.baseUrl() + "/files/whl/cu126/" + fileName.replace("+", "%2B")));
        assertThat(index.requestCount("/whl/cu126/torch/")).isPositive();
        assertThat(index.requestCount("/files/whl/cu126/" + fileName + ".metadata")).isPositive();
    }

    @Test
    void dryRunPairsACompanionWithTheTorchItsMetadataRequires() {
        List<PipInstallChoice> choices = pip.dryRunReport(index.indexUrl("cu118"), List.of("torch<2.5", "torchvision"),
                "3.10", LINUX_X86_64_ALL_GLIBC_2_28, "cp310", "cp");

        assertThat(choices).extracting(PipInstallChoice::name, PipInstallChoice::version)
                .containsExactlyInAnyOrder(
                        tuple("torch", "2.4.1+cu118"),
                        tuple("torchvision", "0.19.1+cu118"));
    }

    @Test
    void nightlyDryRunPairsCompanionAndTorchOfTheSameDay() {
        // torch's newest nightly is 20260408 but torchvision's is 20260407: pip must settle on the common day
        List<PipInstallChoice> choices = pip.dryRunReport(index.nightlyIndexUrl("cu128"), List.of("torch", "torchvision"),
                "3.12", LINUX_X86_64, "cp312", "cp", List.of("--pre"));

        assertThat(choices).extracting(PipInstallChoice::name, PipInstallChoice::version)
                .containsExactlyInAnyOrder(
                        tuple("torch", "2.12.0.dev20260407+cu128"),
                        tuple("torchvision", "0.27.0.dev20260407+cu128"));
    }

    @Test
    void dryRunTakesANonPytorchPackageFromThePypiStandIn() {
        index.addPypiWheel("tinyapp-1.0.0-py3-none-any.whl", List.of("torch>=2.4"), ">=3.9");

        List<PipInstallChoice> choices = pip.dryRunReport(index.indexUrl("cpu"), List.of("tinyapp"),
                "3.12", LINUX_X86_64, "cp312", "cp", List.of("--extra-index-url", index.pypiIndexUrl()));

        assertThat(choices).extracting(PipInstallChoice::name, PipInstallChoice::version)
                .containsExactlyInAnyOrder(
                        tuple("tinyapp", "1.0.0"),
                        tuple("torch", "2.12.0+cpu"));
    }

    @Test
    void installedTorchAndTorchvisionImportWithTheirVersions() throws IOException {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux")
                        && System.getProperty("os.arch").equals("amd64"),
                "skipped: installs cpu wheels for Linux x86_64 only; this is " + System.getProperty("os.name")
                        + " " + System.getProperty("os.arch"));
        // not @TempDir: JUnit warns about the venv's symlink to the base interpreter on clean-up
        Path directory = Files.createTempDirectory("pip-install-test");
        try {
            Path python = pip.createVenv(directory.resolve("venv"));

            PipRunner.pip(python.toString(), List.of("install", "--index-url", index.indexUrl("cpu"),
                    "torch==2.12.0+cpu", "torchvision")).requireSuccess();
            ProcessResult imported = PipRunner.run(List.of(python.toString(), "-c",
                    "import torch, torchvision; print(torch.__version__, torchvision.__version__)"), directory);

            assertThat(imported.requireSuccess().output()).isEqualTo("2.12.0+cpu 0.27.0+cpu\n");
            assertThat(index.requestCounts()).hasEntrySatisfying(
                    "/files/whl/cpu/torch-2.12.0+cpu-" + interpreterTag(python) + "-" + interpreterTag(python)
                            + "-manylinux_2_28_x86_64.whl",
                    downloads -> assertThat(downloads).isEqualTo(1));
        } finally {
            PipRunner.deleteRecursively(directory);
        }
    }

    /** {@code cp311} for a Python 3.11 interpreter: which of the page's wheels pip must have downloaded. */
    private static String interpreterTag(Path python) {
        return PipRunner.run(List.of(python.toString(), "-c",
                "import sys; print(f'cp{sys.version_info[0]}{sys.version_info[1]}')"), null)
                .requireSuccess().output().strip();
    }
}
