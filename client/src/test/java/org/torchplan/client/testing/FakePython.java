package org.torchplan.client.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real executable standing in for a Python interpreter: it answers the detection script with a fixed report and
 * records the argv of every other invocation (one argument per line, {@code --} after each run). A run whose
 * arguments include {@code fail==CODE} exits with CODE, so tests can make a chosen step fail.
 */
public final class FakePython {

    public static final String REPORT = "{\"version\": \"3.12.4\", \"implementation\": \"cpython\", \"abi\": \"cp312\","
            + " \"freeThreaded\": false, \"libc\": \"glibc\", \"libcVersion\": \"2.35\", \"macos\": \"\","
            + " \"system\": \"Linux\", \"machine\": \"x86_64\", \"executable\": \"/fake/venv/bin/python\"}";

    private final Path executable;
    private final Path record;

    private FakePython(Path executable, Path record) {
        this.executable = executable;
        this.record = record;
    }

    /** Writes the fake into {@code directory}; skips the test where there is no POSIX shell. */
    public static FakePython create(Path directory) {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh: the fake interpreter script cannot run here");
        Path executable = directory.resolve("python");
        Path record = directory.resolve("invocations.txt");
        String script = String.join("\n",
                "#!/bin/sh",
                "if [ \"$1\" = \"-I\" ] && [ \"$2\" = \"-S\" ] && [ \"$3\" = \"-c\" ]; then",
                "  printf '%s\\n' '" + REPORT + "'",
                "  exit 0",
                "fi",
                "printf '%s\\n' \"${PIP_CONFIG_FILE:-unset}\" > '" + pipConfigRecord(record) + "'",
                "for argument in \"$@\"; do printf '%s\\n' \"$argument\" >> '" + record + "'; done",
                "printf -- '--\\n' >> '" + record + "'",
                "for argument in \"$@\"; do",
                "  case \"$argument\" in fail==*) exit \"${argument#fail==}\";; esac",
                "done",
                "exit 0",
                "");
        try {
            Files.writeString(executable, script);
            if (!executable.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + executable + " executable");
            }
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
        return new FakePython(executable, record);
    }

    private static Path pipConfigRecord(Path record) {
        return record.resolveSibling("pip-config-file.txt");
    }

    /** {@code PIP_CONFIG_FILE} as the last install run saw it ("unset" when it was not set). */
    public String pipConfigFileSeen() {
        try {
            return Files.readString(pipConfigRecord(record)).strip();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    public String path() {
        return executable.toString();
    }

    /** The argv (without argv[0]) of each install run, in order. */
    public List<List<String>> invocations() {
        List<List<String>> runs = new ArrayList<>();
        if (!Files.exists(record)) {
            return runs;
        }
        List<String> current = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(record)) {
                if (line.equals("--")) {
                    runs.add(List.copyOf(current));
                    current.clear();
                } else {
                    current.add(line);
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return runs;
    }
}
