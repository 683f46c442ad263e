package org.torchplan.client.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchplan.client.cli.Main;
import org.torchplan.testsupport.PipRunner;

/**
 * Runs the real {@code scripts/torchplan} on real Java runtimes: a jlink-made Java 17 runtime, which has no base CDS
 * archive, and the JDK running the tests, which has one. The jlink runtime is built once and kept under
 * {@code target/} (jlink takes seconds; a clean build makes it again).
 */
class WrapperOnRealRuntimesTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "torchplan").toAbsolutePath().normalize();
    /** What the client jar needs ({@code jdeps --print-module-deps} on the shaded jar). */
    private static final String CLIENT_MODULES = "java.base,java.logging";
    private static final Path JLINK_RUNTIME = Path.of("target", "jlink-runtime-17").toAbsolutePath();

    @TempDir
    static Path directory;

    private static Path jar;

    @BeforeAll
    static void clientJar() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh: the wrapper script cannot run here");
        jar = thinJar(directory.resolve("torchplan-client.jar"));
    }

    /**
     * A jar whose manifest starts {@link Main} with this test's class path: what {@code java -jar} needs, without
     * waiting for the shaded jar of the package phase.
     */
    private static Path thinJar(Path file) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH,
                Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                        .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
                        .collect(Collectors.joining(" ")));
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jarFile = new JarOutputStream(out, manifest)) {
            jarFile.flush();
        }
        return file;
    }

    /** A JDK 17 with jlink from /usr/lib/jvm, or empty. */
    private static Optional<Path> jdk17() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> candidates = Files.list(jvms)) {
            return candidates.sorted()
                    .filter(home -> Files.isExecutable(home.resolve("bin/jlink")))
                    .filter(home -> releaseVersion(home).startsWith("17"))
                    .findFirst();
        }
    }

    private static String releaseVersion(Path javaHome) {
        try {
            return Files.readAllLines(javaHome.resolve("release")).stream()
                    .filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .findFirst().orElse("");
        } catch (IOException unreadable) {
            return "";
        }
    }

    private static Path jlinkRuntime() throws Exception {
        if (Files.isExecutable(JLINK_RUNTIME.resolve("bin/java"))) {
            return JLINK_RUNTIME;
        }
        Optional<Path> jdk = jdk17();
        assumeTrue(jdk.isPresent(), "no JDK 17 with jlink under /usr/lib/jvm");
        // built beside its final place, then moved, so an interrupted build never looks like a runtime
        Path partial = JLINK_RUNTIME.resolveSibling(JLINK_RUNTIME.getFileName() + ".partial");
        if (Files.exists(partial)) {
            PipRunner.deleteRecursively(partial);
        }
        Result jlink = start(List.of(jdk.get().resolve("bin/jlink").toString(), "--add-modules", CLIENT_MODULES,
                "--no-header-files", "--no-man-pages", "--strip-debug", "--output", partial.toString()), List.of());
        assertThat(jlink.exitCode()).as(jlink.output()).isZero();
        Files.move(partial, JLINK_RUNTIME);
        return JLINK_RUNTIME;
    }

    @Test
    void aJlinkRuntimeWithoutABaseArchiveRunsEveryCommand() throws Exception {
        Path runtime = jlinkRuntime();
        assertThat(runtime.resolve("lib/server/classes.jsa")).as("a jlink runtime has no base CDS archive").doesNotExist();
        Path cache = directory.resolve("cache-jlink");

        Result first = wrapper(runtime, cache, "--version");
        Result second = wrapper(runtime, cache, "help", "install");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("torchplan client", "Java 17").doesNotContain("DynamicDumpSharedSpaces");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).startsWith("Usage: torchplan install");
        assertThat(cache.resolve("runtimes-without-cds")).content().contains(runtime.resolve("bin/java").toString());
        assertThat(cache.resolve("torchplan-client.jsa")).doesNotExist();
    }

    @Test
    void aRuntimeWithABaseArchiveWritesTheArchiveOnceAndMapsIt() throws Exception {
        Path runtime = Path.of(System.getProperty("java.home"));
        assumeTrue(Files.exists(runtime.resolve("lib/server/classes.jsa")), "the test JDK has no base CDS archive");
        Path cache = directory.resolve("cache-jdk");

        Result first = wrapper(runtime, cache, "--version");
        Result second = wrapper(runtime, cache, "--version");

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(cache.resolve("torchplan-client.jsa")).isNotEmptyFile();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).startsWith("torchplan client");
        assertThat(cache.resolve("runtimes-without-cds")).doesNotExist();
    }

    private static Result wrapper(Path javaHome, Path cache, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", SCRIPT.toString()));
        command.addAll(List.of(args));
        return start(command, List.of("JAVA_HOME=" + javaHome, "TORCHPLAN_CLIENT_JAR=" + jar,
                "TORCHPLAN_CACHE_DIR=" + cache));
    }

    private static Result start(List<String> command, List<String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("TORCHPLAN_JAVA_OPTS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        for (String variable : environment) {
            String[] nameAndValue = variable.split("=", 2);
            builder.environment().put(nameAndValue[0], nameAndValue[1]);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
