package org.torchplan.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaging core, the hardware tables and the planner are pure: no Spring, no network, no files, no clock.
 * That is what makes a plan a function of (catalog, request, policy), testable without fakes and safe to compute
 * on any replica. This reads the sources (Maven runs tests from the module directory) and names every breach.
 */
class PurePackagesTest {

    private static final Path SOURCES = Path.of("src/main/java/org/torchplan");

    private static final Pattern FORBIDDEN = Pattern.compile(
            "import\\s+(org\\.springframework|okhttp3|java\\.net|java\\.nio\\.file|java\\.io\\.File\\b|java\\.sql)"
                    + "|\\b(Instant|LocalDate|LocalDateTime|ZonedDateTime|Clock)\\.(now|systemUTC|systemDefaultZone)\\b"
                    + "|System\\.(currentTimeMillis|getenv|getProperty)\\b"
                    + "|\\bnew\\s+(ProcessBuilder|Socket|FileInputStream|FileOutputStream)\\b");

    @ParameterizedTest
    @ValueSource(strings = {"packaging", "backend", "plan"})
    void hasNoInputOutputClockOrFramework(String packageName) {
        Path folder = SOURCES.resolve(packageName);
        assertThat(folder).isDirectory();

        List<String> breaches = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                List<String> lines = read(file);
                for (int number = 0; number < lines.size(); number++) {
                    if (FORBIDDEN.matcher(lines.get(number)).find()) {
                        breaches.add(file.getFileName() + ":" + (number + 1) + ": " + lines.get(number).trim());
                    }
                }
            });
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }

        assertThat(breaches).as("I/O, clock or framework use in the pure package %s", packageName).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"packaging", "backend"})
    void dependsOnNoOuterPart(String packageName) throws IOException {
        // the core stands alone: the catalog, the planner and the API build on it, never the other way round
        try (Stream<Path> files = Files.walk(SOURCES.resolve(packageName))) {
            assertThat(files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(file -> read(file).stream())
                    .filter(line -> line.matches("import\\s+org\\.torchplan\\.(catalog|plan|policy|api|system)\\..*")))
                    .isEmpty();
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
