package org.torchplan.client.detect;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Chooses the interpreter to plan for and install into: {@code --python}, else the active virtualenv's, else PATH. */
public final class InterpreterLocator {

    private InterpreterLocator() {
    }

    public static String choose(Optional<String> requested, Map<String, String> environment, HostSystem host) {
        if (requested.isPresent() && !requested.get().isBlank()) {
            return requested.get();
        }
        Optional<String> virtualEnvironment = activeVirtualEnvironment(environment);
        if (virtualEnvironment.isPresent()) {
            Path root = Path.of(virtualEnvironment.get());
            return (host == HostSystem.WINDOWS ? root.resolve("Scripts").resolve("python.exe")
                    : root.resolve("bin").resolve("python")).toString();
        }
        // the Windows installer puts python.exe, not python3, on PATH
        return host == HostSystem.WINDOWS ? "python" : "python3";
    }

    /** The root of the virtualenv the shell activated ({@code VIRTUAL_ENV}), if any. */
    public static Optional<String> activeVirtualEnvironment(Map<String, String> environment) {
        return Optional.ofNullable(environment.get("VIRTUAL_ENV")).filter(root -> !root.isBlank());
    }
}
