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
 * arguments include {@code fail==CODE} exits with CODE, so tests can make a chosen step fail. It remembers what each
 * install run named ({@code name==version}; a bare name as 1.0) and answers the installed-versions query with it.
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
                // the installed-versions query: the last version each name was installed with, else null
                "if [ \"$1\" = \"-c\" ]; then",
                "  shift 2",
                "  separator=''",
                "  printf '{'",
                "  for name in \"$@\"; do",
                "    version=$(grep \"^$name \" '" + installedRecord(record) + "' 2>/dev/null | tail -n 1 | cut -d ' ' -f 2)",
                "    if [ -n \"$version\" ]; then printf '%s\"%s\": \"%s\"' \"$separator\" \"$name\" \"$version\";",
                "    else printf '%s\"%s\": null' \"$separator\" \"$name\"; fi",
                "    separator=', '",
                "  done",
                "  printf '}\\n'",
                "  exit 0",
                "fi",
                "printf '%s\\n' \"${PIP_CONFIG_FILE:-unset}\" > '" + pipConfigRecord(record) + "'",
                "for argument in \"$@\"; do printf '%s\\n' \"$argument\" >> '" + record + "'; done",
                "printf -- '--\\n' >> '" + record + "'",
                "for argument in \"$@\"; do",
                "  case \"$argument\" in fail==*) exit \"${argument#fail==}\";; esac",
                "done",
                // name==version installs that version, a bare name version 1.0 (a real run's names are normalized)
                "for argument in \"$@\"; do",
                "  case \"$argument\" in",
                "    -*|install|pip|http*) ;;",
                "    *==*) printf '%s %s\\n' \"${argument%%==*}\" \"${argument#*==}\" >> '" + installedRecord(record) + "';;",
                "    *) printf '%s 1.0\\n' \"$argument\" >> '" + installedRecord(record) + "';;",
                "  esac",
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

    private static Path installedRecord(Path record) {
        return record.resolveSibling("installed.txt");
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
