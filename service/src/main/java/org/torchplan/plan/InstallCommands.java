package org.torchplan.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes the argument vectors of install steps for pip or uv with the same meaning: one index only (so no package
 * can be taken from a second index by a higher version, and uv's {@code --index-strategy} never comes into play),
 * pre-releases only when the channel needs them. In the second step both installers keep installed packages that
 * satisfy the restated pins, so the PyTorch wheels of the first step stay, or the step fails on a conflict.
 */
final class InstallCommands {

    private InstallCommands() {
    }

    /**
     * @param indexUrl the only index the step may read
     * @param preReleases whether pre-releases are acceptable (test and nightly channels)
     * @param requirements what to install, in order
     */
    static List<String> argv(Installer installer, String indexUrl, boolean preReleases, List<String> requirements) {
        List<String> argv = new ArrayList<>(requirements.size() + 10);
        if (installer == Installer.UV) {
            // uv does not run inside the target interpreter, so the interpreter is named explicitly
            argv.addAll(List.of("uv", "pip", "install", "--python", InstallStep.INTERPRETER));
        } else {
            argv.addAll(List.of(InstallStep.INTERPRETER, "-m", "pip", "install"));
        }
        argv.add("--index-url");
        argv.add(indexUrl);
        if (preReleases) {
            // uv spells pip's --pre as a pre-release strategy
            argv.add(installer == Installer.UV ? "--prerelease=allow" : "--pre");
        }
        argv.addAll(requirements);
        return argv;
    }
}
