package org.torchplan.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torchplan.client.testing.FakePython;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The argument table of {@code torchplan install}: which pip options reach pip, which are replaced by the plan with
 * a notice, and what the spellings of light-the-torch and uv ask the service for.
 */
class InstallArgumentsTest {

    private static final String TWO_STEPS = "{\"backend\":\"cpu\",\"channel\":\"stable\",\"packages\":[{\"name\":\"torch\","
            + "\"version\":\"2.12.0+cpu\"}],\"steps\":["
            + "{\"description\":\"PyTorch\",\"argv\":[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\","
            + "\"https://download.pytorch.org/whl/cpu\",\"torch==2.12.0+cpu\"]},"
            + "{\"description\":\"others\",\"argv\":[\"python\",\"-m\",\"pip\",\"install\",\"--index-url\","
            + "\"https://pypi.org/simple\",\"numpy\",\"torch==2.12.0+cpu\"]}],\"explanation\":[],\"warnings\":[]}";

    @TempDir
    java.nio.file.Path directory;

    private final MockWebServer server = new MockWebServer();
    private FakePython python;

    private static final String ONE_STEP = TWO_STEPS.substring(0, TWO_STEPS.indexOf(",{\"description\":\"others\""))
            + "],\"explanation\":[],\"warnings\":[]}";

    @BeforeEach
    void start() throws IOException {
        server.start(InetAddress.getLoopbackAddress(), 0);
        python = FakePython.create(directory);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /**
     * @param arguments   after {@code install --python FAKE}; the requirements are torch and numpy
     * @param environment extra variables, {@code NAME=value;NAME=value}, or "-"
     * @param backend     the backend the request names, or "-" for none
     * @param channel     the channel the request names, or "-" for none
     * @param pipOptions  what follows {@code install} in each pip step, before the plan's own arguments
     * @param notice      what standard error says, or "-" for nothing
     */
    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // pip's options that do not change where PyTorch comes from: to every step
        "-U                                   | - | - | -       | --upgrade                           | -",
        "--upgrade --no-cache-dir             | - | - | -       | --upgrade --no-cache-dir            | -",
        "--no-cache-dir -U                    | - | - | -       | --upgrade --no-cache-dir            | -",
        "-vv -q                               | - | - | -       | --verbose --verbose --quiet         | -",
        "--user --no-deps                     | - | - | -       | --no-deps --user                    | -",
        "--no-build-isolation --break-system-packages | - | - | - | --no-build-isolation --break-system-packages | -",
        "--require-virtualenv --isolated      | - | - | -       | --isolated --require-virtualenv     | -",
        "--upgrade-strategy eager --only-binary :all: | - | - | - | --upgrade-strategy eager --only-binary :all: | -",
        "--cache-dir /tmp/pip --progress-bar off | - | - | -    | --progress-bar off --cache-dir /tmp/pip | -",
        // options that would choose indexes: the plan's indexes are used, said once each
        "--extra-index-url https://download.pytorch.org/whl/cu121 | - | - | - | '' | --extra-index-url "
                + "https://download.pytorch.org/whl/cu121 is not used: the plan names the indexes",
        "-i https://mirror.example/simple -U  | - | - | -       | --upgrade                           | --index-url "
                + "https://mirror.example/simple is not used",
        "--no-index                           | - | - | -       | ''                                  | --no-index is not used",
        "-f /opt/wheels                       | - | - | -       | ''                                  | --find-links "
                + "/opt/wheels is not used",
        // light-the-torch and uv spellings
        "--pre                                | - | - | test    | --pre                               | -",
        "--pre --channel stable               | - | - | stable  | --pre                               | -",
        "--pre --pytorch-channel nightly      | - | - | nightly | --pre                               | -",
        "--pytorch-channel test               | - | - | test    | ''                                  | -",
        "--cpuonly                            | - | cpu | -     | ''                                  | -",
        "--pytorch-computation-backend=cu121  | - | cu121 | -   | ''                                  | -",
        "--cpuonly --pytorch-computation-backend cpu | - | cpu | - | ''                                | -",
        "--torch-backend auto                 | - | auto | -    | ''                                  | -",
        "--torch-backend cu128 --backend cu128 | - | cu128 | -  | ''                                  | -",
        "''                                   | UV_TORCH_BACKEND=cu126 | cu126 | - | '' | backend cu126 from "
                + "UV_TORCH_BACKEND (neither --backend nor TORCHPLAN_BACKEND is set)",
        "''                                   | LTT_PYTORCH_COMPUTATION_BACKEND=cu118 | cu118 | - | '' | backend cu118 "
                + "from LTT_PYTORCH_COMPUTATION_BACKEND",
        "''                                   | UV_TORCH_BACKEND=cu126;LTT_PYTORCH_COMPUTATION_BACKEND=cu118 | cu126 | - "
                + "| '' | backend cu126 from UV_TORCH_BACKEND",
        "''                                   | TORCHPLAN_BACKEND=cpu;UV_TORCH_BACKEND=cu126 | cpu | - | '' | -",
        "--backend cu128                      | UV_TORCH_BACKEND=cu126 | cu128 | - | ''              | -",
        "--cpuonly                            | LTT_PYTORCH_COMPUTATION_BACKEND=cu118 | cpu | - | ''   | -",
    })
    void installPassesPipOptionsAndReadsFamiliarSpellings(String arguments, String environment, String backend,
                                                          String channel, String pipOptions, String notice)
            throws InterruptedException {
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(TWO_STEPS).build());
        Map<String, String> variables = new HashMap<>(Map.of("TORCHPLAN_URL", server.url("/").toString(),
                "TORCHPLAN_NO_GPU", "1"));
        if (environment != null) {
            for (String variable : environment.split(";")) {
                variables.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
            }
        }
        List<String> args = new ArrayList<>(List.of("install", "--python", python.path()));
        if (!arguments.isBlank()) {
            args.addAll(List.of(arguments.split(" ")));
        }
        args.addAll(List.of("torch", "numpy"));

        CommandLineRun run = CommandLineRun.run(variables, args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode request = JsonMapper.shared().readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        assertThat(request.path("backend").isMissingNode() ? null : request.path("backend").stringValue())
                .as("backend").isEqualTo(backend);
        assertThat(request.path("channel").isMissingNode() ? null : request.path("channel").stringValue())
                .as("channel").isEqualTo(channel);
        List<String> added = pipOptions.isBlank() ? List.of() : List.of(pipOptions.split(" "));
        assertThat(python.invocations()).hasSize(2).allSatisfy(invocation ->
                assertThat(invocation.subList(3, 3 + added.size())).isEqualTo(added));
        assertThat(python.invocations().get(0).subList(3 + added.size(), python.invocations().get(0).size()))
                .containsExactly("--index-url", "https://download.pytorch.org/whl/cpu", "torch==2.12.0+cpu");
        if (notice == null) {
            assertThat(run.err()).isEmpty();
        } else {
            assertThat(run.err()).contains("torchplan: " + notice).hasLineCount(1);
        }
    }

    /**
     * With these, pip does not reuse in step 2 what step 1 installed (tried with pip 23.2): fine for a plan
     * of PyTorch packages only, refused before anything runs when a second step would look for torch on its index.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--target /tmp/site          | --target /tmp/site",
        "-t=/tmp/site                | --target /tmp/site",
        "--prefix /opt/torch         | --prefix /opt/torch",
        "--root /tmp/root            | --root /tmp/root",
        "--force-reinstall           | --force-reinstall",
        "-I                          | --ignore-installed",
    })
    void optionsAStepCannotBuildOnPassWithOneStepAndAreRefusedWithTwo(String arguments, String passed) {
        Map<String, String> variables = Map.of("TORCHPLAN_URL", server.url("/").toString(), "TORCHPLAN_NO_GPU", "1");
        List<String> oneStep = new ArrayList<>(List.of("install", "--python", python.path()));
        oneStep.addAll(List.of(arguments.split(" ")));
        oneStep.add("torch");
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(ONE_STEP).build());
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(TWO_STEPS).build());

        CommandLineRun alone = CommandLineRun.run(variables, oneStep.toArray(String[]::new));
        List<String> twoSteps = new ArrayList<>(oneStep);
        twoSteps.add("numpy");
        CommandLineRun withOthers = CommandLineRun.run(variables, twoSteps.toArray(String[]::new));

        assertThat(alone.exitCode()).as(alone.err()).isZero();
        assertThat(python.invocations()).singleElement().satisfies(invocation ->
                assertThat(String.join(" ", invocation)).startsWith("-m pip install " + passed + " --index-url"));
        assertThat(withOthers.exitCode()).as(withOthers.err()).isEqualTo(2);
        assertThat(withOthers.err()).contains(passed.split(" ")[0] + " cannot be used with this plan of 2 steps: step 2 "
                + "(others) relies on the PyTorch packages step 1 installs", "would look for torch 2.12.0+cpu on the "
                + "index of step 2. Use " + passed.split(" ")[0] + " with PyTorch packages only, or install into a "
                + "virtualenv.");
        assertThat(python.invocations()).as("nothing more ran").hasSize(1);
    }
}
