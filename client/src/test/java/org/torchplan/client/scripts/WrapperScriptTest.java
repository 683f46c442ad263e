package org.torchplan.client.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code scripts/torchplan} with a stand-in {@code java} that records how it was started. */
class WrapperScriptTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "torchplan").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    private Path javaHome;
    private Path jar;
    private Path cache;
    private Path record;

    @BeforeEach
    void fakeJava() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh: the wrapper script cannot run here");
        javaHome = directory.resolve("jdk");
        Files.createDirectories(javaHome.resolve("bin"));
        record = directory.resolve("java-arguments.txt");
        fakeJava(true);
        jar = Files.writeString(directory.resolve("torchplan-client.jar"), "not really a jar");
        cache = directory.resolve("cache");
    }

    /**
     * A stand-in {@code java} that records the arguments of the client's run (not of the wrapper's {@code -version}
     * probe, which it counts) and exits 5; it writes the archive the JVM would write at exit, so the next run can map
     * it. Without a base archive it fails at start-up as such a JVM does.
     */
    private void fakeJava(boolean baseArchive) throws IOException {
        Path java = Files.writeString(javaHome.resolve("bin/java"), String.join("\n",
                "#!/bin/sh",
                "version=no",
                "for argument in \"$@\"; do",
                "  if [ \"$argument\" = -version ]; then version=yes; echo probe >> '" + probes() + "'; fi",
                "done",
                "for argument in \"$@\"; do",
                "  case \"$argument\" in -XX:ArchiveClassesAtExit=*)",
                baseArchive ? "    echo archive > \"${argument#*=}\";;"
                        : "    echo 'Error occurred during initialization of VM' >&2;"
                        + " echo 'DynamicDumpSharedSpaces is unsupported when base CDS archive is not loaded' >&2;"
                        + " exit 1;;",
                "  esac",
                "done",
                "if [ $version = yes ]; then exit 0; fi",
                "printf '%s\\n' \"$@\" > '" + record + "'",
                "exit 5",
                ""));
        assertThat(java.toFile().setExecutable(true)).isTrue();
    }

    private Path probes() {
        return directory.resolve("version-probes.txt");
    }

    private long probeCount() throws IOException {
        return Files.exists(probes()) ? Files.readAllLines(probes()).size() : 0;
    }

    private Result run(Map<String, String> extraEnvironment, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(
                concat(List.of("/bin/sh", SCRIPT.toString()), List.of(args))).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("TORCHPLAN_CLIENT_JAR", jar.toString());
        builder.environment().put("TORCHPLAN_CACHE_DIR", cache.toString());
        builder.environment().remove("TORCHPLAN_JAVA_OPTS");
        builder.environment().putAll(extraEnvironment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> javaArguments = Files.exists(record) ? Files.readAllLines(record) : List.of();
        Files.deleteIfExists(record);
        return new Result(process.exitValue(), output, javaArguments);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    record Result(int exitCode, String output, List<String> javaArguments) {
    }

    @Test
    void firstRunWritesTheArchiveAndLaterRunsMapItPassingArgumentsAndExitCodeThrough() throws Exception {
        Result first = run(Map.of(), "plan", "torch vision", "--json");
        Result second = run(Map.of(), "plan", "torch");

        assertThat(first.exitCode()).isEqualTo(5);
        assertThat(first.javaArguments()).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString())
                .anyMatch(argument -> argument.startsWith("-XX:ArchiveClassesAtExit="))
                .endsWith("plan", "torch vision", "--json");
        assertThat(cache.resolve("torchplan-client.jsa")).exists();
        assertThat(second.exitCode()).isEqualTo(5);
        assertThat(second.javaArguments())
                .contains("-XX:SharedArchiveFile=" + cache.resolve("torchplan-client.jsa"), "-Xshare:auto")
                .noneMatch(argument -> argument.startsWith("-XX:ArchiveClassesAtExit="))
                .endsWith("plan", "torch");
    }

    @Test
    void aRebuiltJarGetsAFreshArchive() throws Exception {
        run(Map.of(), "detect");
        Files.setLastModifiedTime(cache.resolve("torchplan-client.jsa"),
                java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 60_000));

        Result afterRebuild = run(Map.of(), "detect");

        assertThat(afterRebuild.javaArguments()).anyMatch(argument -> argument.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aMissingJarSaysHowToBuildIt() throws Exception {
        Result result = run(Map.of("TORCHPLAN_CLIENT_JAR", directory.resolve("absent.jar").toString()), "detect");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("the client jar is missing", "./mvnw -B -DskipTests -pl client -am package");
        assertThat(result.javaArguments()).isEmpty();
    }

    @Test
    void aRuntimeWithoutABaseArchiveRunsTheClientWithoutOneAndIsAskedOnce() throws Exception {
        fakeJava(false);

        Result first = run(Map.of(), "plan", "torch");
        Result second = run(Map.of(), "plan", "torch");

        assertThat(first.exitCode()).isEqualTo(5);
        assertThat(first.output()).doesNotContain("DynamicDumpSharedSpaces");
        assertThat(first.javaArguments()).noneMatch(argument -> argument.startsWith("-XX:ArchiveClassesAtExit="))
                .endsWith("-jar", jar.toString(), "plan", "torch");
        assertThat(second.exitCode()).isEqualTo(5);
        assertThat(second.javaArguments()).endsWith("plan", "torch");
        assertThat(probeCount()).as("runs of java -version").isEqualTo(1);
        assertThat(cache.resolve("torchplan-client.jsa")).doesNotExist();
        assertThat(Files.list(cache)).noneMatch(file -> file.getFileName().toString().contains(".probe"));
    }

    @Test
    void theRuntimeIsAskedOnlyBeforeWritingAnArchive() throws Exception {
        run(Map.of(), "detect");
        run(Map.of(), "detect");

        assertThat(probeCount()).isEqualTo(1);
    }
}
