package org.torchplan.client.detect;

import java.util.Optional;

/**
 * What the chosen interpreter reported about itself. {@code abiTag} is what the service takes as {@code python}
 * ({@code cp312}, free-threaded {@code cp313t}).
 */
public record PythonInterpreter(
        String executable,
        String version,
        String implementation,
        String abiTag,
        boolean freeThreaded,
        Optional<String> glibcVersion,
        Optional<String> macosVersion,
        String system,
        String machine,
        String source) {
}
