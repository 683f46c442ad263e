package org.torchplan.client.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files torchplan writes for pip in one private temporary directory: the constraints gathered from {@code -c}
 * files, and in hash-checking mode each step's requirements with their hashes. Closing deletes them.
 */
public final class PipInputFiles implements AutoCloseable {

    private final Map<Path, List<String>> written = new LinkedHashMap<>();
    private Path directory;

    /**
     * Writes {@code lines} to a file named {@code name}.
     *
     * @return its absolute path
     */
    public Path write(String name, List<String> lines) {
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("torchplan-");
            }
            Path file = Files.write(directory.resolve(name), lines, StandardCharsets.UTF_8);
            written.put(file, List.copyOf(lines));
            return file;
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot write the file pip reads: " + unwritable.getMessage(), unwritable);
        }
    }

    /** Each file written so far with its lines, in order, so a dry run can show what pip would read. */
    public Map<Path, List<String>> written() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(written));
    }

    @Override
    public void close() {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException leftBehind) {
            // a temporary directory left behind is harmless; the install's outcome is what matters
        }
    }
}
