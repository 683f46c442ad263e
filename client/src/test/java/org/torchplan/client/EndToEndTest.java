package org.torchplan.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.torchplan.TorchplanApplication;
import org.torchplan.client.cli.Main;
import org.torchplan.client.http.PlanClient;
import org.torchplan.testsupport.LoopbackWheelIndex;
import org.torchplan.testsupport.PipRunner;
import org.torchplan.testsupport.ProcessResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole product, offline: the real service (in process, random port) reads its catalog from a loopback index
 * serving the recorded pages with generated wheels, and the real client plans and installs with real pip into a
 * fresh {@code python3 -m venv}, as a process of its own. One service and one venv serve every test (a venv and a service start cost
 * seconds each); every test leaves the venv holding the same planned torch.
 *
 * <p>pip must not see this machine's pip configuration (global find-links, extra indexes, a constraints file): the
 * client gets an environment without any inherited {@code PIP_*} variable and with {@code PIP_CONFIG_FILE=/dev/null},
 * and passes it to pip unchanged.
 */
class EndToEndTest {

    /** A driver of the CUDA 12.8 era: it runs CUDA backends up to cu129 on Linux. */
    private static final String DRIVER = "570.86.10";
    private static final Duration CATALOG_WAIT = Duration.ofSeconds(90);
    private static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(3);
    /** The stable backends the loopback index records pages for, and the packages these tests plan. */
    private static final List<String> LOOPBACK_BACKENDS = List.of("cpu", "cu118", "cu126", "cu128", "cu129", "cu130");
    private static final List<String> PLANNED_PACKAGES = List.of("torch", "torchvision");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path directory;
    private static Path venvPython;
    private static LoopbackWheelIndex index;
    private static ConfigurableApplicationContext service;
    private static String serviceUrl;

    @BeforeAll
    static void startServiceAndVenv() throws Exception {
        PipRunner pip = PipRunner.locate();
        // not @TempDir: JUnit warns about the venv's link to the base interpreter on clean-up
        directory = Files.createTempDirectory("torchplan-end-to-end");
        venvPython = pip.createVenv(directory.resolve("venv"));
        index = LoopbackWheelIndex.start();
        // a real PyPI also serves a plain torch: if step 2 let pip replace the planned build, the import would show it
        index.addPypiWheel("tinyapp-1.0.0-py3-none-any.whl", List.of("torch>=2.4"), ">=3.9");
        index.addPypiWheel("torch-2.13.0-py3-none-any.whl", List.of(), null);
        // built against torch 2.8 and older, as many research packages are
        index.addPypiWheel("oldpkg-1.0.0-py3-none-any.whl", List.of("torch<2.9"), ">=3.9");
        // command-line arguments, as an operator would start it: they win over the packaged application.yaml
        service = new SpringApplicationBuilder(TorchplanApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--logging.level.org.springframework=WARN",
                "--logging.level.org.apache=WARN",
                "--logging.level.org.springdoc=ERROR",
                "--torchplan.index.url=" + index.indexRootUrl(),
                "--torchplan.catalog.refresh-on-start=true",
                "--torchplan.catalog.data-dir=" + directory.resolve("service-data"),
                "--torchplan.policy.pypi-index-url=" + index.pypiIndexUrl(),
                "--torchplan.pypi.url=" + index.pypiIndexUrl());
        serviceUrl = "http://127.0.0.1:" + service.getEnvironment().getRequiredProperty("local.server.port");
        awaitLiveCatalog();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (index != null) {
            index.close();
        }
        if (directory != null) {
            PipRunner.deleteRecursively(directory);
        }
    }

    @Test
    void installTorchAndTorchvisionGivesThePlannedCudaBuildsInTheVenv() {
        JsonNode plan = plan("torch", "torchvision");
        Map<String, String> planned = plannedVersions(plan);

        CliRun install = client("install", "--python", venvPython.toString(), "torch", "torchvision");

        assertThat(install.exitCode()).as("client output:%n%s%n%s", install.out(), install.err()).isZero();
        assertThat(importedVersions("torch", "torchvision"))
                .isEqualTo(planned.get("torch") + " " + planned.get("torchvision"));
        // the recorded index of 2026-05-19: driver 570 runs up to cu129, but torch 2.12.0 is not built for
        // cu128/cu129; newest-torch takes the newest torch on the most preferred backend building it: cu126
        if (isPythonBetween(10, 14)) {
            assertThat(plan.path("backend").asString()).isEqualTo("cu126");
            assertThat(planned).containsExactlyInAnyOrderEntriesOf(
                    Map.of("torch", "2.12.0+cu126", "torchvision", "0.27.0+cu126"));
        }
        // pip downloaded exactly the planned files, from the loopback index (not from this machine's find-links)
        for (JsonNode pinned : plan.path("packages").values()) {
            assertThat(index.requestCount("/files/whl/" + plan.path("backend").asString() + "/"
                    + pinned.path("filename").asString()))
                    .as("downloads of %s", pinned.path("filename").asString())
                    .isPositive();
        }
        // what the venv has after pip ran, read back from it
        assertThat(install.out()).contains("torchplan: " + venvPython + " now has torch " + planned.get("torch")
                + ", torchvision " + planned.get("torchvision"));
    }

    @Test
    void aNonPytorchRequirementComesFromThePypiIndexInStepTwoWithoutSwappingTorch() {
        // a venv of its own: the shared one may hold tinyapp already, and the plan keeps what is installed
        Path fresh = PipRunner.locate().createVenv(directory.resolve("venv-step-two"));
        JsonNode plan = planFor(fresh, "torch", "tinyapp");
        String torch = plannedVersions(plan).get("torch");
        List<JsonNode> steps = plan.path("steps").valueStream().toList();
        assertThat(steps).hasSize(2);
        assertThat(strings(steps.get(1).path("argv")))
                .contains(index.pypiIndexUrl(), "tinyapp==1.0.0", "torch==" + torch);

        CliRun install = client("install", "--python", fresh.toString(), "torch", "tinyapp");

        assertThat(install.exitCode()).as("client output:%n%s%n%s", install.out(), install.err()).isZero();
        assertThat(PipRunner.run(List.of(fresh.toString(), "-c",
                "import tinyapp, torch; print(tinyapp.__version__, torch.__version__)"), directory)
                .requireSuccess().output().strip()).isEqualTo("1.0.0 " + torch);
        assertThat(index.requestCount("/pypi/simple/tinyapp/")).isPositive();
        assertThat(index.requestCount("/files/pypi/tinyapp-1.0.0-py3-none-any.whl")).isPositive();
        assertThat(index.requestCount("/files/pypi/torch-2.13.0-py3-none-any.whl")).isZero();
    }

    /**
     * A venv that already holds a working torch (2.8.0+cpu) and a package that needs torch below 2.9: the client
     * tells the service what is installed, the plan keeps that torch, and pip check passes afterwards. Without it,
     * torch 2.8.0 was replaced by the newest build and pip check failed.
     */
    @Test
    void anInstalledTorchThatFitsIsKept() throws IOException {
        Path venv = PipRunner.locate().createVenv(directory.resolve("venv-with-torch"));
        PipRunner.pip(venv.toString(), List.of("install", "--index-url", index.indexUrl("cpu"), "torch==2.8.0+cpu"))
                .requireSuccess();

        CliRun install = client("install", "--python", venv.toString(), "oldpkg");

        assertThat(install.exitCode()).as("client output:%n%s%n%s", install.out(), install.err()).isZero();
        assertThat(install.out()).contains("keeps the installed torch 2.8.0+cpu");
        assertThat(PipRunner.run(List.of(venv.toString(), "-c", "import torch, oldpkg; print(torch.__version__)"),
                directory).requireSuccess().output().strip()).isEqualTo("2.8.0+cpu");
        PipRunner.pip(venv.toString(), List.of("check")).requireSuccess();
    }

    /**
     * {@code torchplan install -U -r requirements.txt} on a file written for pip: a byte-order mark, the index line
     * PyTorch's instructions add, a hash-pinned other package, a constraints file. The index line gives way to the
     * plan's indexes; tinyapp is hash-checked by real pip (a wrong hash stops it), torch comes from the plan.
     */
    @Test
    void upgradeFromARequirementsFileWrittenForPip() throws IOException {
        String torch = plannedVersions(plan("torch", "tinyapp")).get("torch");
        String tinyappHash = index.wheel("tinyapp-1.0.0-py3-none-any.whl").sha256();
        Files.writeString(directory.resolve("constraints.txt"), "tinyapp<2\n");
        Path requirements = directory.resolve("requirements.txt");
        // uninstalled, so pip downloads tinyapp and checks its hash; installed, pip would trust it
        PipRunner.pip(venvPython.toString(), List.of("uninstall", "-y", "tinyapp")).requireSuccess();

        Files.write(requirements, requirementsFile("0".repeat(64)).getBytes(StandardCharsets.UTF_8));
        CliRun wrongHash = client("install", "--python", venvPython.toString(), "-U", "--isolated", "-r",
                requirements.toString());
        Files.write(requirements, requirementsFile(tinyappHash).getBytes(StandardCharsets.UTF_8));
        CliRun install = client("install", "--python", venvPython.toString(), "-U", "--isolated", "-r",
                requirements.toString());

        assertThat(wrongHash.exitCode()).as("pip's hash check").isNotZero();
        assertThat(wrongHash.out() + wrongHash.err()).contains("step 2", "HASHES");
        assertThat(install.exitCode()).as("client output:%n%s%n%s", install.out(), install.err()).isZero();
        assertThat(install.err()).contains("requirements.txt:2: --extra-index-url https://download.pytorch.org/whl/cu121 "
                + "is not used: the plan names the indexes");
        assertThat(install.out()).contains(venvPython + " -m pip install --upgrade --isolated --constraint ");
        assertThat(importedVersions("tinyapp", "torch")).isEqualTo("1.0.0 " + torch);
        assertThat(index.requestCount("/files/pypi/torch-2.13.0-py3-none-any.whl")).isZero();
    }

    private static String requirementsFile(String tinyappHash) {
        return "\uFEFF# as PyTorch's instructions and pip-compile --generate-hashes write it\n"
                + "--extra-index-url https://download.pytorch.org/whl/cu121\n"
                + "torch\n"
                + "tinyapp==1.0.0 \\\n"
                + "    --hash=sha256:" + tinyappHash + "\n"
                + "-c constraints.txt\n";
    }

    @Test
    void withTheServiceDownTheClientSaysSoAndExitsWithThree() throws IOException {
        String downUrl = "http://127.0.0.1:" + unusedPort();

        CliRun install = clientAt(downUrl, "install", "--python", venvPython.toString(), "torch");

        assertThat(install.exitCode()).isEqualTo(3);
        assertThat(install.err()).contains("cannot reach the torchplan service at " + downUrl
                + " (connection refused). " + PlanClient.START_HINT);
        assertThat(install.err()).doesNotContain("Exception", "\tat ");
    }

    /** The service's plan for this machine, as the client asks for it ({@code torchplan plan --json}). */
    private static JsonNode plan(String... requirements) {
        return planFor(venvPython, requirements);
    }

    /** {@code torchplan plan --json} for the interpreter's machine and what it has installed. */
    private static JsonNode planFor(Path python, String... requirements) {
        List<String> args = new ArrayList<>(List.of("plan", "--json", "--python", python.toString()));
        args.addAll(List.of(requirements));
        CliRun run = client(args.toArray(String[]::new));
        assertThat(run.exitCode()).as("torchplan plan:%n%s", run.err()).isZero();
        return JSON.readTree(run.out());
    }

    private static Map<String, String> plannedVersions(JsonNode plan) {
        Map<String, String> versions = new HashMap<>();
        plan.path("packages").values().forEach(pinned ->
                versions.put(pinned.path("name").asString(), pinned.path("version").asString()));
        return versions;
    }

    /** {@code python -c "import a, b; print(a.__version__, b.__version__)"} in the venv. */
    private static String importedVersions(String... modules) {
        String script = "import " + String.join(", ", modules) + "; print("
                + String.join(", ", List.of(modules).stream().map(module -> module + ".__version__").toList()) + ")";
        return PipRunner.run(List.of(venvPython.toString(), "-c", script), directory)
                .requireSuccess().output().strip();
    }

    private static boolean isPythonBetween(int oldestMinor, int newestMinor) {
        ProcessResult version = PipRunner.run(List.of(venvPython.toString(), "-c",
                "import sys; print(sys.version_info[0], sys.version_info[1])"), directory).requireSuccess();
        String[] parts = version.output().strip().split(" ");
        int minor = Integer.parseInt(parts[1]);
        return parts[0].equals("3") && minor >= oldestMinor && minor <= newestMinor;
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static CliRun client(String... args) {
        return clientAt(serviceUrl, args);
    }

    /**
     * One run of the client as its own process ({@code java ... Main}, what {@code scripts/torchplan} does), with the
     * environment a developer's shell would give it minus pip's configuration. Its own process because install
     * steps inherit the client's terminal: pip's output lands in the captured output (and in failure messages)
     * instead of on this test JVM's stdout.
     */
    private static CliRun clientAt(String server, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(directory, "client-out", ".txt");
            Path err = Files.createTempFile(directory, "client-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(clientEnvironment(server));
            Process process = builder.start();
            if (!process.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("the client did not finish within " + CLIENT_TIMEOUT + ": " + List.of(args)
                        + "\n" + Files.readString(out) + Files.readString(err));
            }
            return new CliRun(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the client: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the client ran", e);
        }
    }

    private static Map<String, String> clientEnvironment(String server) {
        // this JVM's environment without PIP_* and with PIP_CONFIG_FILE=/dev/null, as for any pip the tests start
        Map<String, String> environment =
                new HashMap<>(PipRunner.isolateFromPipConfiguration(new ProcessBuilder()).environment());
        environment.keySet().removeIf(name -> name.startsWith("TORCHPLAN_") || name.equals("VIRTUAL_ENV"));
        environment.put("PIP_DISABLE_PIP_VERSION_CHECK", "1"); // no version probe against an index it cannot reach
        environment.put("TORCHPLAN_URL", server);
        environment.put("TORCHPLAN_CUDA_DRIVER_VERSION", DRIVER);
        return environment;
    }

    /**
     * Waits (bounded) until the background refresh started with the service has read, from the loopback index, the
     * entries these tests plan from. Entries of backends the loopback does not record keep their embedded snapshot
     * copy, which is the same recording.
     */
    private static void awaitLiveCatalog() throws Exception {
        Instant deadline = Instant.now().plus(CATALOG_WAIT);
        List<String> pending = new ArrayList<>();
        for (String backend : LOOPBACK_BACKENDS) {
            for (String packageName : PLANNED_PACKAGES) {
                pending.add("/catalog/stable/" + backend + "/" + packageName);
            }
        }
        while (!pending.isEmpty()) {
            pending.removeIf(path -> get(path).path("source").asString().equals("live"));
            if (pending.isEmpty()) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                JsonNode summary = get("/catalog");
                throw new AssertionError("the service's catalog did not read these entries from the loopback index "
                        + "within " + CATALOG_WAIT + ": " + pending + "; GET /catalog: source "
                        + summary.path("source").asString() + ", upstream " + summary.path("upstream").asString()
                        + ", " + summary.path("staleEntries").size() + " stale entries, the first: "
                        + summary.path("staleEntries").path(0));
            }
            Thread.sleep(100);
        }
        // not GET /catalog's source: it is the weakest among all entries, and the backends the loopback does not
        // record (rocm, xpu, ...) keep their snapshot copy
        assertThat(get("/catalog").path("upstream").asString()).isEqualTo(index.indexRootUrl());
    }

    private static JsonNode get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(serviceUrl + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A loopback port nothing listens on (bound, then released). */
    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record CliRun(int exitCode, String out, String err) {
    }
}
