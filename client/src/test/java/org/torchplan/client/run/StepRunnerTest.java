package org.torchplan.client.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchplan.client.testing.FakePython;

class StepRunnerTest {

    @TempDir
    Path directory;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    private static Step pip(String... arguments) {
        List<String> argv = new java.util.ArrayList<>(List.of("python", "-m", "pip", "install"));
        argv.addAll(List.of(arguments));
        return new Step("install " + String.join(" ", arguments), argv);
    }

    @Test
    void stepsRunInOrderWithTheChosenInterpreter() {
        FakePython python = FakePython.create(directory);

        int exitCode = new StepRunner(python.path(), List.of(), out, Map.of()).run(List.of(
                pip("--index-url", "https://download.pytorch.org/whl/cu126", "torch==2.12.0+cu126"),
                pip("transformers", "torch==2.12.0+cu126")));

        assertThat(exitCode).isZero();
        assertThat(python.invocations()).containsExactly(
                List.of("-m", "pip", "install", "--index-url", "https://download.pytorch.org/whl/cu126", "torch==2.12.0+cu126"),
                List.of("-m", "pip", "install", "transformers", "torch==2.12.0+cu126"));
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("[1/2]", "[2/2]", python.path() + " -m pip install");
    }

    @Test
    void theFirstFailingStepStopsTheRunWithItsExitCode() {
        FakePython python = FakePython.create(directory);

        int exitCode = new StepRunner(python.path(), List.of(), out, Map.of()).run(List.of(
                pip("torch==2.12.0"), pip("fail==7"), pip("never-run==1.0")));

        assertThat(exitCode).isEqualTo(7);
        assertThat(python.invocations()).hasSize(2);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("step 2", "exit code 7", "later steps were not run");
    }

    @Test
    void stepsSeeTheGivenEnvironment() {
        FakePython python = FakePython.create(directory);

        new StepRunner(python.path(), List.of(), out, Map.of("PIP_CONFIG_FILE", "/dev/null")).run(List.of(pip("torch")));

        assertThat(python.pipConfigFileSeen()).isEqualTo("/dev/null");
    }

    @Test
    void aMissingInterpreterFailsLikeAShellWould() {
        int exitCode = new StepRunner(directory.resolve("no-python").toString(), List.of(), out, Map.of())
                .run(List.of(pip("torch")));

        assertThat(exitCode).isEqualTo(StepRunner.COMMAND_NOT_FOUND);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("cannot run");
    }

    @Test
    void uvRunsFromPathAndIsPointedAtTheInterpreter() {
        StepRunner runner = new StepRunner("/venv/bin/python", List.of(), out, Map.of());

        assertThat(runner.commandLine(new Step("uv", List.of("uv", "pip", "install", "torch==2.12.0+cpu"))))
                .containsExactly("uv", "pip", "install", "--python", "/venv/bin/python", "torch==2.12.0+cpu");
        assertThat(runner.commandLine(new Step("uv", List.of("uv", "pip", "install", "--python", "python", "torch"))))
                .containsExactly("uv", "pip", "install", "--python", "/venv/bin/python", "torch");
        assertThat(runner.commandLine(new Step("uv", List.of("uv", "pip", "install", "--python=python", "torch"))))
                .containsExactly("uv", "pip", "install", "--python=/venv/bin/python", "torch");
    }

    @Test
    void theUsersPipOptionsFollowInstallInEveryStep() {
        StepRunner runner = new StepRunner("/venv/bin/python", List.of("-U", "--no-cache-dir"), out, Map.of());

        assertThat(runner.commandLine(pip("torch==2.12.0+cpu")))
                .containsExactly("/venv/bin/python", "-m", "pip", "install", "-U", "--no-cache-dir", "torch==2.12.0+cpu");
        assertThat(runner.commandLine(new Step("uv", List.of("uv", "pip", "install", "--python", "python", "torch"))))
                .containsExactly("uv", "pip", "install", "-U", "--no-cache-dir", "--python", "/venv/bin/python", "torch");
    }
}
