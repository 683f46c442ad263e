package org.torchplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.torchplan.testsupport.ProcessResult;

/**
 * The web page in a real browser: {@code src/test/browser/page.test.js} drives Debian's chromium through
 * playwright-core against this service (the shared offline test context: embedded snapshot, a policy allowing
 * the stable and test channels) on a loopback port, and writes the screenshots README.md shows into
 * docs/screenshots. Missing chromium, node or node_modules fail the test with the command that installs them:
 * a browser test that does not run must not pass.
 */
class WebPageBrowserTest extends ApiTest {

    private static final Path SCRIPTS = Path.of("src", "test", "browser");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("TORCHPLAN_CHROMIUM", "/usr/bin/chromium"));
    private static final long TIMEOUT_MINUTES = 5;

    @Test
    void everyScenarioPassesInChromium() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("chromium is missing at %s; install Debian's: apt-get update && apt-get install -y chromium"
                        + " (or set TORCHPLAN_CHROMIUM to a chromium binary); never a downloaded browser", CHROMIUM)
                .isTrue();
        assertThat(SCRIPTS.resolve("node_modules").resolve("playwright-core").resolve("package.json"))
                .as("playwright-core is not installed; run: (cd service/src/test/browser && npm ci)")
                .exists();
        Path screenshots = Path.of("..", "docs", "screenshots").toAbsolutePath().normalize();
        ProcessResult result = node(List.of("node", "page.test.js", "http://127.0.0.1:" + port + "/",
                screenshots.toString()));
        result.requireSuccess();
        assertThat(result.output()).contains("all ").contains(" scenarios passed").doesNotContain("FAIL");
        assertThat(screenshots.resolve("install.png")).isNotEmptyFile();
        assertThat(screenshots.resolve("catalog.png")).isNotEmptyFile();
    }

    private static ProcessResult node(List<String> command) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(SCRIPTS.toFile()).redirectErrorStream(true).start();
        } catch (IOException missing) {
            throw new AssertionError("node could not be started (" + missing.getMessage() + "); install Node.js 18"
                    + " or later (apt-get install -y nodejs npm), then (cd service/src/test/browser && npm ci)");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream(), output), "browser-test-output");
        reader.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            reader.join(TimeUnit.SECONDS.toMillis(10));
            throw new AssertionError("the browser scenarios took more than " + TIMEOUT_MINUTES + " minutes:\n"
                    + output.toString(StandardCharsets.UTF_8));
        }
        reader.join();
        String printed = output.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        return new ProcessResult(command, process.exitValue(), printed);
    }

    private static void copy(InputStream from, ByteArrayOutputStream to) {
        try (from) {
            from.transferTo(to);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
