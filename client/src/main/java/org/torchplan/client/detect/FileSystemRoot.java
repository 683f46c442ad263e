package org.torchplan.client.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The root under which probes read {@code /sys} and {@code /proc}: {@code /} on a real machine, a directory of
 * recorded files in tests. A file that is missing or unreadable is simply absent, never an error.
 */
public final class FileSystemRoot {

    private final Path root;

    private FileSystemRoot(Path root) {
        this.root = root;
    }

    public static FileSystemRoot system() {
        return new FileSystemRoot(Path.of("/"));
    }

    public static FileSystemRoot at(Path root) {
        return new FileSystemRoot(root);
    }

    /** Resolves an absolute Unix path such as {@code /proc/driver/nvidia/version} under this root. */
    public Path resolve(String absolutePath) {
        return root.resolve(absolutePath.startsWith("/") ? absolutePath.substring(1) : absolutePath);
    }

    public Optional<String> read(String absolutePath) {
        Path file = resolve(absolutePath);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The entries of a directory, sorted by name so results do not depend on the file system's order. */
    public List<String> list(String absoluteDirectory) {
        Path directory = resolve(absoluteDirectory);
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
        names.sort(null);
        return names;
    }
}
