package org.torchplan.client.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.torchplan.client.detect.CommandRunner;
import org.torchplan.client.json.Json;
import org.torchplan.client.json.JsonObject;

/**
 * Every distribution the target interpreter has installed, as pip sees them (importlib.metadata over the
 * interpreter's path, site included), so the service can keep what already works: a venv holding torch 2.8.0+cpu
 * that a package pins below 2.9 keeps it instead of being upgraded.
 */
public final class InstalledDistributions {

    /** One installed distribution; the version as the interpreter reports it (with a local label if any). */
    public record Installed(String name, String version) {}

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    // the first of a name on the path wins, as it does for imports and for pip
    private static final String SCRIPT = String.join("\n",
            "import json",
            "from importlib import metadata",
            "found = []",
            "for distribution in metadata.distributions():",
            "    name = distribution.metadata['Name']",
            "    if name:",
            "        found.append({'name': name, 'version': distribution.version})",
            "print(json.dumps({'installed': found}))");
    /** PEP 440's canonical form (its appendix): the only versions the service accepts; others are left out. */
    private static final Pattern CANONICAL_VERSION = Pattern.compile("([1-9][0-9]*!)?(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))*"
            + "((a|b|rc)(0|[1-9][0-9]*))?(\\.post(0|[1-9][0-9]*))?(\\.dev(0|[1-9][0-9]*))?(\\+[a-z0-9]+(\\.[a-z0-9]+)*)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
    /** The service's bound on the list. */
    private static final int MAXIMUM = 2048;

    private InstalledDistributions() {
    }

    /** The interpreter's distributions, or empty when it could not be asked (then the plan assumes nothing). */
    public static Optional<List<Installed>> read(CommandRunner runner, String interpreter) {
        return runner.run(List.of(interpreter, "-c", SCRIPT), TIMEOUT)
                .filter(CommandRunner.CommandResult::succeeded)
                .flatMap(result -> parse(result.standardOutput()));
    }

    static Optional<List<Installed>> parse(String output) {
        Optional<JsonObject> report = Json.parseObject(output.strip());
        if (report.isEmpty() || !report.get().has("installed")) {
            return Optional.empty();
        }
        List<Installed> installed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonObject entry : report.get().objects("installed")) {
            Optional<String> name = entry.string("name").filter(text -> NAME.matcher(text).matches());
            Optional<String> version = entry.string("version")
                    .filter(text -> CANONICAL_VERSION.matcher(text).matches());
            if (name.isPresent() && version.isPresent() && seen.add(normalized(name.get()))
                    && installed.size() < MAXIMUM) {
                installed.add(new Installed(name.get(), version.get()));
            }
        }
        return Optional.of(installed);
    }

    private static String normalized(String name) {
        return name.replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
    }
}
