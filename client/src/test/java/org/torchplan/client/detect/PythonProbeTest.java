package org.torchplan.client.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonProbeTest {

    static final String LINUX_CPYTHON_312 = "{\"version\": \"3.12.4\", \"implementation\": \"cpython\", \"abi\": \"cp312\","
            + " \"freeThreaded\": false, \"libc\": \"glibc\", \"libcVersion\": \"2.35\", \"macos\": \"\","
            + " \"system\": \"Linux\", \"machine\": \"x86_64\", \"executable\": \"/opt/venv/bin/python\"}\n";

    @Test
    void linuxInterpreterReportIsRead() {
        PythonInterpreter python = PythonProbe.parse(LINUX_CPYTHON_312, "python3").orElseThrow();

        assertThat(python.abiTag()).isEqualTo("cp312");
        assertThat(python.version()).isEqualTo("3.12.4");
        assertThat(python.glibcVersion()).contains("2.35");
        assertThat(python.macosVersion()).isEmpty();
        assertThat(python.executable()).isEqualTo("/opt/venv/bin/python");
        assertThat(python.freeThreaded()).isFalse();
    }

    @Test
    void freeThreadedMacosInterpreterHasTheTAbiAndNoGlibc() {
        String report = "{\"version\": \"3.13.1\", \"implementation\": \"cpython\", \"abi\": \"cp313t\","
                + " \"freeThreaded\": true, \"libc\": \"\", \"libcVersion\": \"\", \"macos\": \"14.5\","
                + " \"system\": \"Darwin\", \"machine\": \"arm64\", \"executable\": \"/usr/local/bin/python3.13t\"}";

        PythonInterpreter python = PythonProbe.parse(report, "python3.13t").orElseThrow();

        assertThat(python.abiTag()).isEqualTo("cp313t");
        assertThat(python.freeThreaded()).isTrue();
        assertThat(python.glibcVersion()).isEmpty();
        assertThat(python.macosVersion()).contains("14.5");
    }

    @Test
    void muslLibcIsNotReportedAsGlibc() {
        String report = LINUX_CPYTHON_312.replace("\"glibc\"", "\"musl\"");

        assertThat(PythonProbe.parse(report, "python3").orElseThrow().glibcVersion()).isEmpty();
    }

    @Test
    void garbageAndIncompleteReportsAreNotAnInterpreter() {
        assertThat(PythonProbe.parse(Recorded.text("garbage.txt"), "python3")).isEmpty();
        assertThat(PythonProbe.parse("{\"version\": \"3.12.4\"}", "python3")).isEmpty();
        assertThat(PythonProbe.parse("[]", "python3")).isEmpty();
    }

    @Test
    void missingInterpreterIsNotFound() {
        PythonProbe probe = new PythonProbe(new ProcessCommandRunner(), Duration.ofSeconds(5));

        assertThat(probe.probe("/nonexistent/bin/python3")).isEmpty();
    }

    @Test
    void realPython3AnswersTheInlineScript() {
        ProcessCommandRunner runner = new ProcessCommandRunner();
        assumeTrue(runner.run(List.of("python3", "--version"), Duration.ofSeconds(20)).isPresent(),
                "python3 is not on PATH: the real-interpreter probe test cannot run here");

        PythonInterpreter python = new PythonProbe(runner, Duration.ofSeconds(20)).probe("python3").orElseThrow();

        assertThat(python.abiTag()).matches("(cp|pp)3\\d+t?");
        assertThat(python.version()).startsWith("3.");
        assertThat(python.machine()).isNotBlank();
        assertThat(python.executable()).isNotBlank();
    }
}
