package org.torchplan.plan;

import org.torchplan.packaging.GlibcVersion;
import org.torchplan.packaging.MacosVersion;
import org.torchplan.packaging.OperatingSystem;
import org.torchplan.packaging.Target;

/**
 * A request without a glibc (Linux) or macOS version is planned as for the newest one, and the plan warns: the
 * alternative, a conservative floor, would silently hide wheels the caller may well be able to run.
 */
final class AssumedPlatform {

    /** Above every glibc release, so a manylinux wheel of any glibc qualifies. */
    static final GlibcVersion NEWEST_GLIBC = new GlibcVersion(2, 99);
    /** Above every macOS release, so a macOS wheel of any version qualifies. */
    static final MacosVersion NEWEST_MACOS = new MacosVersion(99, 0);

    private AssumedPlatform() {
    }

    /** The target with the newest glibc or macOS version filled in where the request named none. */
    static Target complete(Target target) {
        if (target.os() == OperatingSystem.LINUX && target.glibc().isEmpty()) {
            return new Target(target.python(), target.os(), target.arch(), java.util.Optional.of(NEWEST_GLIBC),
                    target.macos());
        }
        if (target.os() == OperatingSystem.MACOS && target.macos().isEmpty()) {
            return new Target(target.python(), target.os(), target.arch(), target.glibc(),
                    java.util.Optional.of(NEWEST_MACOS));
        }
        return target;
    }
}
