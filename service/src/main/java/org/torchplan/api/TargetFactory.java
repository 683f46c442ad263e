package org.torchplan.api;

import java.util.Optional;
import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.OperatingSystem;
import org.torchplan.packaging.PythonTarget;
import org.torchplan.packaging.Target;

/** Builds the packaging target from the request's parsed fields; libc and macOS versions are parsed here. */
final class TargetFactory {

    private TargetFactory() {
    }

    /** @throws IllegalArgumentException for a malformed glibc or macOS version, naming it */
    static Target target(
            PythonTarget python, OperatingSystem os, Architecture arch, Optional<String> glibc,
            Optional<String> macos) {
        return new Target(python, os, arch, glibc, macos);
    }
}
