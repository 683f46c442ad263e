package org.torchplan.client.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.torchplan.client.detect.CommandRunner;
import org.torchplan.client.json.Json;
import org.torchplan.client.json.JsonObject;

/**
 * What the interpreter has installed after the steps ran, read from the installed distributions' metadata (what
 * {@code pip list} reports, without needing pip: a uv environment has none), so the success line tells what is
 * there, not what the plan asked for.
 */
public final class InstalledVersions {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    // sys.argv[1:] are the project names; prints {"name": "version" or null}
    private static final String SCRIPT = String.join("\n",
            "import json, sys",
            "from importlib import metadata",
            "found = {}",
            "for name in sys.argv[1:]:",
            "    try:",
            "        found[name] = metadata.version(name)",
            "    except metadata.PackageNotFoundError:",
            "        found[name] = None",
            "print(json.dumps(found))");

    private InstalledVersions() {
    }

    /**
     * @param names project names, as the steps name them
     * @return each name's installed version (empty when the interpreter sees none), in the order given; empty
     *     when the interpreter could not be asked
     */
    public static Optional<Map<String, Optional<String>>> read(CommandRunner runner, String interpreter,
                                                               List<String> names) {
        List<String> argv = new ArrayList<>(List.of(interpreter, "-c", SCRIPT));
        argv.addAll(names);
        Optional<JsonObject> answer = runner.run(argv, TIMEOUT)
                .filter(CommandRunner.CommandResult::succeeded)
                .flatMap(result -> Json.parseObject(result.standardOutput().strip()));
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Optional<String>> versions = new LinkedHashMap<>();
        names.forEach(name -> versions.put(name, answer.get().string(name)));
        return Optional.of(versions);
    }
}
