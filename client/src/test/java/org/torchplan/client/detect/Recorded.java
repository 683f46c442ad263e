package org.torchplan.client.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Recorded tool outputs and /sys, /proc files from test resources. */
final class Recorded {

    private Recorded() {
    }

    static String text(String name) {
        try (InputStream stream = Recorded.class.getResourceAsStream("/recorded/" + name)) {
            if (stream == null) {
                throw new IllegalArgumentException("no recorded output " + name);
            }
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** Places a recorded file at an absolute machine path under a fake root. */
    static void place(Path root, String absolutePath, String recordedName) {
        write(root, absolutePath, text(recordedName));
    }

    static void write(Path root, String absolutePath, String content) {
        Path file = root.resolve(absolutePath.substring(1));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }
}
