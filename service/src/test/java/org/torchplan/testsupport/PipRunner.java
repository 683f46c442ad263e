package org.torchplan.testsupport;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the machine's real pip, shielded from the machine's pip configuration: this build machine's global pip
 * config and {@code PIP_*} variables add find-links, extra indexes and a constraints file that would change what
 * pip picks. Every pip run gets {@code PIP_CONFIG_FILE=/dev/null}, no inherited {@code PIP_*} variable,
 * {@code --isolated}, {@code --disable-pip-version-check} and {@code --no-input}.
 * <p>
 * Tests obtain one with {@link #locate()}, which skips the test (JUnit assumption, with the reason) when python3
 * or its pip is missing.
 */
public final class PipRunner {

    /** Overrides the interpreter the tests use, e.g. to try another Python version. */
    public static final String PYTHON_OVERRIDE_VARIABLE = "TORCHPLAN_TEST_PYTHON";
    private static final long TIMEOUT_SECONDS = 180;
    private static final List<String> ISOLATION_OPTIONS = List.of("--isolated", "--disable-pip-version-check", "--no-input");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String python;

    private PipRunner(String python) {
        this.python = python;
    }

    /** The pip of {@code python3} on PATH (or of {@value #PYTHON_OVERRIDE_VARIABLE}); skips the test when unusable. */
    public static PipRunner locate() {
        String python = System.getenv().getOrDefault(PYTHON_OVERRIDE_VARIABLE, "python3");
        ProcessResult version;
        try {
            version = run(List.of(python, "-m", "pip", "--version"), null);
        } catch (UncheckedIOException e) {
            Assumptions.abort("skipped: cannot run " + python + " (" + e.getCause().getMessage()
                    + "); install python3 with pip, or set " + PYTHON_OVERRIDE_VARIABLE);
            throw e;
        }
        Assumptions.assumeTrue(version.succeeded(),
                () -> "skipped: `" + python + " -m pip --version` failed, pip is missing:\n" + version.output());
        return new PipRunner(python);
    }

    public String python() {
        return python;
    }

    /** Makes a process builder's environment blind to the machine's pip configuration (for any pip it starts). */
    public static ProcessBuilder isolateFromPipConfiguration(ProcessBuilder builder) {
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("PIP_"));
        environment.put("PIP_CONFIG_FILE", "/dev/null");
        return builder;
    }

    /** {@code python3 -m pip <isolation options> <arguments>} */
    public ProcessResult pip(List<String> arguments) {
        return pip(python, arguments);
    }

    /** The same with another interpreter, e.g. a venv's. */
    public static ProcessResult pip(String interpreter, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(interpreter, "-m", "pip"));
        command.addAll(ISOLATION_OPTIONS);
        command.addAll(arguments);
        return run(command, null);
    }

    /**
     * What {@code pip install --dry-run} picks for a target machine that need not be this one; fails with pip's
     * output when pip finds no solution.
     *
     * @param pythonVersion  {@code 3.12}
     * @param platforms      pip {@code --platform} values; pip 23.2 does not expand {@code manylinux_2_28_x86_64} to
     *                       older tags, {@link PipPlatforms#linux} lists what a real machine of that glibc accepts
     * @param abi            {@code cp312}
     * @param implementation {@code cp}
     */
    public List<PipInstallChoice> dryRunReport(String indexUrl, List<String> requirements, String pythonVersion,
                                               List<String> platforms, String abi, String implementation) {
        return dryRunReport(indexUrl, requirements, pythonVersion, platforms, abi, implementation, List.of());
    }

    /** The same with more pip options, e.g. {@code --pre} or {@code --extra-index-url URL}. */
    public List<PipInstallChoice> dryRunReport(String indexUrl, List<String> requirements, String pythonVersion,
                                               List<String> platforms, String abi, String implementation,
                                               List<String> extraArguments) {
        DryRun dryRun = dryRun(indexUrl, requirements, pythonVersion, platforms, abi, implementation, extraArguments);
        dryRun.result().requireSuccess();
        return dryRun.choices();
    }

    /** A dry run whose failure is a result too: differential tests compare pip's "no" with the planner's. */
    public DryRun dryRun(String indexUrl, List<String> requirements, String pythonVersion, List<String> platforms,
                         String abi, String implementation, List<String> extraArguments) {
        Path workDirectory = temporaryDirectory("pip-dry-run");
        try {
            Path report = workDirectory.resolve("report.json");
            List<String> arguments = dryRunArguments(workDirectory, report, indexUrl, requirements, pythonVersion,
                    platforms, abi, implementation, extraArguments);
            ProcessResult result = pip(arguments);
            List<PipInstallChoice> choices = result.succeeded() ? readReport(report) : List.of();
            return new DryRun(result, choices);
        } finally {
            deleteRecursively(workDirectory);
        }
    }

    /** One dry run of a batch: the requirements and any more options ({@code --pre}, {@code -c FILE}). */
    public record DryRunCase(List<String> requirements, List<String> extraArguments) {
        public DryRunCase {
            requirements = List.copyOf(requirements);
            extraArguments = List.copyOf(extraArguments);
        }
    }

    /**
     * Runs pip's entry point once per case inside ONE interpreter (see {@link #BATCH_DRIVER}): on a loaded machine
     * most of a dry run is interpreter start-up and pip's imports, so a differential test of dozens of cases pays
     * them once. Each case gets its own report and captured output, exactly as {@link #dryRun} returns them.
     */
    public List<DryRun> dryRuns(String indexUrl, List<DryRunCase> cases, String pythonVersion, List<String> platforms,
                                String abi, String implementation) {
        Path workDirectory = temporaryDirectory("pip-dry-runs");
        try {
            List<List<String>> argumentLists = new ArrayList<>();
            List<Path> reports = new ArrayList<>();
            for (int index = 0; index < cases.size(); index++) {
                Path caseDirectory = Files.createDirectories(workDirectory.resolve("case" + index));
                Path report = caseDirectory.resolve("report.json");
                reports.add(report);
                List<String> arguments = new ArrayList<>(ISOLATION_OPTIONS);
                arguments.addAll(dryRunArguments(caseDirectory, report, indexUrl, cases.get(index).requirements(),
                        pythonVersion, platforms, abi, implementation, cases.get(index).extraArguments()));
                argumentLists.add(arguments);
            }
            Path input = workDirectory.resolve("cases.json");
            Path output = workDirectory.resolve("results.json");
            Files.writeString(input, JSON.writeValueAsString(argumentLists));
            ProcessResult driver = run(List.of(python, "-c", BATCH_DRIVER, input.toString(), output.toString()), null);
            driver.requireSuccess();
            JsonNode results = JSON.readTree(output.toFile());
            List<DryRun> dryRuns = new ArrayList<>();
            for (int index = 0; index < cases.size(); index++) {
                JsonNode result = results.get(index);
                List<String> command = new ArrayList<>(List.of(python, "-m", "pip"));
                command.addAll(argumentLists.get(index));
                ProcessResult caseResult = new ProcessResult(command, result.path("code").asInt(),
                        result.path("output").asString());
                dryRuns.add(new DryRun(caseResult, caseResult.succeeded() ? readReport(reports.get(index)) : List.of()));
            }
            return dryRuns;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(workDirectory);
        }
    }

    /**
     * Calls pip's own {@code main} for each argument list read from {@code argv[1]}, capturing what it prints
     * (pip's logging resolves {@code sys.stdout}/{@code sys.stderr} when each run configures it), and writes
     * [{code, output}] to {@code argv[2]}.
     */
    private static final String BATCH_DRIVER = String.join("\n",
            "import contextlib, io, json, sys",
            "from pip._internal.cli.main import main",
            "results = []",
            "for arguments in json.load(open(sys.argv[1])):",
            "    buffer = io.StringIO()",
            "    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):",
            "        try:",
            "            code = main(arguments)",
            "        except SystemExit as exit:",
            "            code = exit.code if isinstance(exit.code, int) else 1",
            "    results.append({'code': code or 0, 'output': buffer.getvalue()})",
            "json.dump(results, open(sys.argv[2], 'w'))");

    private static List<String> dryRunArguments(Path workDirectory, Path report, String indexUrl,
                                                List<String> requirements, String pythonVersion,
                                                List<String> platforms, String abi, String implementation,
                                                List<String> extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("install", "--dry-run", "--quiet",
                "--report", report.toString(), "--ignore-installed", "--only-binary=:all:",
                "--target", workDirectory.resolve("target").toString(),
                "--python-version", pythonVersion));
        for (String platform : platforms) {
            arguments.addAll(List.of("--platform", platform));
        }
        arguments.addAll(List.of("--implementation", implementation, "--abi", abi, "--index-url", indexUrl));
        arguments.addAll(extraArguments);
        arguments.addAll(requirements);
        return arguments;
    }

    /** The outcome of a dry run: pip's process result, and its choices when it succeeded. */
    public record DryRun(ProcessResult result, List<PipInstallChoice> choices) {
        public DryRun {
            choices = List.copyOf(choices);
        }
    }

    /** {@code python3 -m venv <directory>} (with pip); returns the venv's interpreter. Skips the test when venv is unavailable. */
    public Path createVenv(Path directory) {
        ProcessResult result = run(List.of(python, "-m", "venv", directory.toString()), null);
        Assumptions.assumeTrue(result.succeeded(),
                () -> "skipped: `" + python + " -m venv` failed (python3-venv missing?):\n" + result.output());
        Path windows = directory.resolve("Scripts").resolve("python.exe");
        return Files.exists(windows) ? windows : directory.resolve("bin").resolve("python");
    }

    /** Runs any command to completion with pip isolation applied, output captured; the working directory may be null. */
    public static ProcessResult run(List<String> command, Path workingDirectory) {
        Path output = temporaryFile();
        try {
            ProcessBuilder builder = isolateFromPipConfiguration(new ProcessBuilder(command))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            if (workingDirectory != null) {
                builder.directory(workingDirectory.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command)
                        + "\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new ProcessResult(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            output.toFile().delete();
        }
    }

    private static List<PipInstallChoice> readReport(Path report) {
        JsonNode root = JSON.readTree(report.toFile());
        List<PipInstallChoice> choices = new ArrayList<>();
        for (JsonNode install : root.path("install").values()) {
            choices.add(new PipInstallChoice(
                    install.path("metadata").path("name").asString(),
                    install.path("metadata").path("version").asString(),
                    install.path("download_info").path("url").asString()));
        }
        return List.copyOf(choices);
    }

    private static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryFile() {
        try {
            return Files.createTempFile("process-output", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a directory tree without following links (a venv links to its base interpreter). */
    public static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + directory, e);
        }
    }
}
