package org.torchplan.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.torchplan.client.http.PlanClient;
import org.torchplan.client.testing.FakePython;
import org.torchplan.client.testing.Resources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class PlanCommandTest {

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
        environment = Map.of("TORCHPLAN_URL", server.url("/").toString(),
                "TORCHPLAN_CUDA_DRIVER_VERSION", "570.86.10", "TORCHPLAN_CUDA_COMPUTE_CAPABILITY", "8.6");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CommandLineRun plan(String... arguments) {
        String[] args = new String[arguments.length + 3];
        args[0] = "plan";
        args[1] = "--python";
        args[2] = python.path();
        System.arraycopy(arguments, 0, args, 3, arguments.length);
        return CommandLineRun.run(environment, args);
    }

    private void answer(int status, String contentType, String body) {
        server.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", contentType).body(body).build());
    }

    @Test
    void theRequestDescribesTheDetectedMachine() throws InterruptedException {
        answer(200, "application/json", PLAN);

        CommandLineRun run = plan("torch", "torchvision", "transformers", "--channel", "stable", "--strategy",
                "newest-backend");

        assertThat(run.exitCode()).as(run.err()).isZero();
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        JsonNode body = JsonMapper.shared().readTree(request.getBody().utf8());
        assertThat(body.path("requirements").toString()).isEqualTo("[\"torch\",\"torchvision\",\"transformers\"]");
        assertThat(body.path("python").stringValue()).isEqualTo("cp312");
        assertThat(body.path("platform").toString()).isEqualTo("{\"os\":\"linux\",\"arch\":\"x86_64\",\"glibc\":\"2.35\"}");
        assertThat(body.path("gpu").toString())
                .isEqualTo("{\"vendor\":\"nvidia\",\"driverVersion\":\"570.86.10\",\"computeCapability\":\"8.6\"}");
        assertThat(body.path("channel").stringValue()).isEqualTo("stable");
        assertThat(body.path("strategy").stringValue()).isEqualTo("newest-backend");
    }

    @Test
    void backendComesFromTheEnvironmentUnlessGivenOnTheCommandLine() throws InterruptedException {
        environment = Map.of("TORCHPLAN_URL", server.url("/").toString(), "TORCHPLAN_NO_GPU", "1",
                "TORCHPLAN_BACKEND", "cu128");
        answer(200, "application/json", PLAN);
        answer(200, "application/json", PLAN);

        plan("torch");
        plan("torch", "--backend", "cpu");

        JsonMapper json = JsonMapper.shared();
        JsonNode first = json.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        JsonNode second = json.readTree(server.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
        assertThat(first.path("backend").stringValue()).isEqualTo("cu128");
        assertThat(first.has("gpu")).isFalse();
        assertThat(second.path("backend").stringValue()).isEqualTo("cpu");
    }

    @Test
    void thePlanIsPrintedForAPerson() {
        answer(200, "application/json", PLAN);

        CommandLineRun run = plan("torch", "torchvision", "transformers");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(
                "Plan: backend cu126, channel stable",
                "  torch        2.12.0+cu126",
                "  torchvision  0.27.0+cu126",
                "  - driver 570.86.10 runs CUDA backends up to cu129",
                "Warning: glibc not given: assumed the newest",
                "Catalog: live, fetched 2026-05-19T08:00:00Z",
                "[1/2]: PyTorch packages from the cu126 index",
                "    python -m pip install --index-url https://download.pytorch.org/whl/cu126 torch==2.12.0+cu126");
    }

    @Test
    void jsonIsTheServicesAnswerUnchanged() {
        answer(200, "application/json", PLAN);

        CommandLineRun run = plan("torch", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(PLAN);
    }

    @Test
    void shellAndRequirementsRenderingsArePrintedAsServed() throws InterruptedException {
        String script = "#!/bin/sh\nset -eu\n\"${PYTHON:-python3}\" '-m' 'pip' 'install' 'torch==2.12.0+cpu'\n";
        String requirements = "--index-url https://download.pytorch.org/whl/cpu\ntorch==2.12.0+cpu \\\n"
                + "    --hash=sha256:00ff\n";
        answer(200, "text/x-shellscript", script);
        answer(200, "text/plain", requirements);

        CommandLineRun shell = plan("torch", "--format", "sh");
        CommandLineRun pinned = plan("torch", "--format", "requirements");

        assertThat(shell.out()).isEqualTo(script);
        assertThat(pinned.out()).isEqualTo(requirements);
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getHeaders().get("Accept")).startsWith("text/x-shellscript");
        assertThat(server.takeRequest(5, TimeUnit.SECONDS).getUrl().queryParameter("format")).isEqualTo("requirements");
    }

    @Test
    void aBadRequestIsRefusedWithEachFieldErrorInPlainWords() {
        answer(400, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"the request has invalid fields\",\"instance\":\"/plan\",\"errors\":["
                + "{\"field\":\"requirements[0]\",\"message\":\"'torch>>2' is not a valid PEP 508 requirement\"},"
                + "{\"field\":\"channel\",\"message\":\"unknown channel\"}]}");

        CommandLineRun run = plan("torch>>2");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains(
                "the torchplan service refused the request: Bad Request (HTTP 400): the request has invalid fields",
                "  - argument 1: 'torch>>2' is not a valid PEP 508 requirement",
                "  - channel: unknown channel");
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 422})
    void policyDenialsAndImpossibleRequestsAreRefusals(int status) {
        answer(status, "application/problem+json", "{\"title\":\"Refused\",\"status\":" + status
                + ",\"detail\":\"cu118: no torch>=2.9 for cp312 linux x86_64\"}");

        CommandLineRun run = plan("torch>=2.9");

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).contains("(HTTP " + status + "): cu118: no torch>=2.9 for cp312 linux x86_64");
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503})
    void serverErrorsMeanTheServiceIsNotAnswering(int status) {
        answer(status, "text/html", "<html>oops</html>");

        CommandLineRun run = plan("torch");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("HTTP " + status).doesNotContain("\tat ");
    }

    @Test
    void anAnswerThatIsNotAPlanIsNotTakenForOne() {
        answer(200, "text/html", "<html>Welcome to nginx</html>");

        CommandLineRun run = plan("torch");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("not a plan");
    }

    @Test
    void aHugeOrCutAnswerIsAnUnusableAnswerNotAnUnexpectedError() {
        answer(200, "application/json", "{\"steps\":[],\"x\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}");
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json").body(PLAN)
                .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());

        CommandLineRun huge = plan("torch");
        CommandLineRun cut = plan("torch");

        assertThat(huge.exitCode()).isEqualTo(3);
        assertThat(huge.err()).isEqualTo("torchplan: the torchplan service answered with something that is not a "
                + "plan: an answer larger than 4 MiB (a plan is a few KiB). Is TORCHPLAN_URL the torchplan service?"
                + System.lineSeparator());
        assertThat(cut.exitCode()).isEqualTo(3);
        assertThat(cut.err()).contains("the answer was cut off").doesNotContain("cannot reach", "unexpected error");
    }

    @Test
    void controlCharactersFromTheServiceAreEscapedBeforePrinting() {
        String escape = "\\u001b";
        answer(200, "application/json", "{\"backend\":\"cpu" + escape + "[2J\",\"channel\":\"stable\",\"packages\":["
                + "{\"name\":\"torch\",\"version\":\"2.12.0\\r+cpu\"}],\"steps\":[{\"description\":\"PyTorch"
                + "\\u0007\",\"argv\":[\"python\",\"-m\",\"pip\",\"install\",\"torch" + escape + "]0;x\"]}],"
                + "\"explanation\":[\"why" + escape + "[31m\"],\"warnings\":[\"careful\\u009b\"],"
                + "\"catalog\":{\"source\":\"live" + escape + "\"}}");
        answer(403, "application/problem+json", "{\"title\":\"Forbidden" + escape + "[2K\",\"status\":403,"
                + "\"detail\":\"no\\rtorch\",\"errors\":[{\"field\":\"channel\",\"message\":\"bell\\u0007\"}]}");
        answer(200, "text/x-shellscript", "#!/bin/sh\n\u001b]52;c;ZXZpbA==\u0007pip install torch\n");

        CommandLineRun printed = plan("torch");
        CommandLineRun refused = plan("torch");
        CommandLineRun script = plan("torch", "--format", "sh");

        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(printed.out()).contains("Plan: backend cpu\\x1b[2J, channel stable", "torch  2.12.0\\x0d+cpu",
                "[1/1]: PyTorch\\x07", "python -m pip install 'torch\\x1b]0;x'", "  - why\\x1b[31m",
                "Warning: careful\\x9b", "Catalog: live\\x1b");
        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.err()).contains("Forbidden\\x1b[2K (HTTP 403): no\\x0dtorch", "channel: bell\\x07");
        assertThat(script.out()).isEqualTo("#!/bin/sh\n\\x1b]52;c;ZXZpbA==\\x07pip install torch\n");
        for (CommandLineRun run : List.of(printed, refused, script)) {
            assertThat(run.out() + run.err()).doesNotContain("\u001b", "\u0007", "\r", "\u009b");
        }
    }

    @Test
    void anUnreachableServiceSaysHowToStartItWithoutAStackTrace() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        CommandLineRun run = plan("torch", "--server", "http://127.0.0.1:" + port);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).isEqualTo("torchplan: cannot reach the torchplan service at http://127.0.0.1:" + port
                + " (connection refused). " + PlanClient.START_HINT + System.lineSeparator());
    }

    @Test
    void debugAddsTheStackTrace() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        CommandLineRun run = plan("torch", "--debug", "--server", "http://127.0.0.1:" + port);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("connection refused", "\tat ", "ConnectException");
    }

    @Test
    void aMissingInterpreterIsAUsageErrorThatSaysWhatToDo() {
        CommandLineRun run = CommandLineRun.run(environment, "plan", "--python", directory.resolve("nope").toString(),
                "torch");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot run the Python interpreter", "Pass --python PATH");
        assertThat(server.getRequestCount()).isZero();
    }
}
