package org.torchplan.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Files that a data directory must survive: a gzip bomb, a FIFO where a file is expected. */
public final class HostileFiles {

    private HostileFiles() {}

    /**
     * Writes gzip data expanding to {@code mebibytes} MiB of zeros: one member of 1 MiB repeated (gzip readers read
     * concatenated members as one stream), about 1 KiB on disk per MiB expanded, written in milliseconds.
     */
    public static void gzipBomb(Path file, int mebibytes) throws IOException {
        ByteArrayOutputStream member = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(member)) {
            gzip.write(new byte[1 << 20]);
        }
        byte[] bytes = member.toByteArray();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int copy = 0; copy < mebibytes; copy++) {
                out.write(bytes);
            }
        }
    }

    /** Makes a FIFO with the system's {@code mkfifo}; false when there is none (the caller skips, and says so). */
    public static boolean mkfifo(Path path) throws InterruptedException {
        try {
            Process process = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
            return process.waitFor() == 0 && Files.exists(path) && !Files.isRegularFile(path);
        } catch (IOException absent) {
            return false;
        }
    }
}
