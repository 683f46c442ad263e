package org.torchplan.client.detect;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.torchplan.client.json.Json;
import org.torchplan.client.json.JsonObject;

/** Asks the interpreter about itself, once, with a short inline script that prints one JSON object. */
public final class PythonProbe {

    // Runs on any Python 3; sysconfig's Py_GIL_DISABLED is 1 only on free-threaded builds (3.13+).
    static final String SCRIPT = String.join("\n",
            "import json, platform, sys, sysconfig",
            "impl = sys.implementation.name",
            "free = bool(sysconfig.get_config_var('Py_GIL_DISABLED'))",
            "prefix = {'cpython': 'cp', 'pypy': 'pp'}.get(impl, impl)",
            "abi = prefix + '%d%d' % sys.version_info[:2] + ('t' if free else '')",
            "libc = platform.libc_ver()",
            "print(json.dumps({'version': platform.python_version(), 'implementation': impl, 'abi': abi,",
            "  'freeThreaded': free, 'libc': libc[0], 'libcVersion': libc[1], 'macos': platform.mac_ver()[0],",
            "  'system': platform.system(), 'machine': platform.machine(), 'executable': sys.executable}))");

    private final CommandRunner runner;
    private final Duration timeout;

    public PythonProbe(CommandRunner runner, Duration timeout) {
        this.runner = runner;
        this.timeout = timeout;
    }

    /** @return the interpreter's facts, or empty when it cannot be run or answers with something unexpected */
    public Optional<PythonInterpreter> probe(String interpreter) {
        // -I: ignore PYTHON* variables and the user site, which could make the answer lie about the interpreter;
        // -S: skip site (and every .pth file of a large environment): the script needs only the standard library
        return runner.run(List.of(interpreter, "-I", "-S", "-c", SCRIPT), timeout)
                .filter(CommandRunner.CommandResult::succeeded)
                .flatMap(result -> parse(result.standardOutput(), interpreter));
    }

    static Optional<PythonInterpreter> parse(String output, String interpreter) {
        Optional<JsonObject> parsed = Json.parseObject(output.strip());
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        JsonObject report = parsed.get();
        Optional<String> abi = text(report, "abi");
        Optional<String> version = text(report, "version");
        if (abi.isEmpty() || version.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> glibc = text(report, "libc").filter("glibc"::equals).flatMap(libc -> text(report, "libcVersion"));
        return Optional.of(new PythonInterpreter(
                text(report, "executable").orElse(interpreter),
                version.get(),
                text(report, "implementation").orElse("unknown"),
                abi.get(),
                report.bool("freeThreaded").orElse(false),
                glibc,
                text(report, "macos"),
                text(report, "system").orElse(""),
                text(report, "machine").orElse(""),
                interpreter + " -c <probe>"));
    }

    private static Optional<String> text(JsonObject report, String field) {
        return report.string(field).filter(value -> !value.isBlank());
    }
}
