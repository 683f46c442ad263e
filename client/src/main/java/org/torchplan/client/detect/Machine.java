package org.torchplan.client.detect;

import java.util.List;
import java.util.Optional;

/**
 * Everything the client detected about the machine it installs onto, each fact with its source.
 *
 * @param interpreter the interpreter that was asked for ({@code --python}, the virtualenv's, or {@code python3})
 * @param python      what that interpreter reported, empty when it could not be run
 * @param gpus        the GPUs found, the one to send first
 * @param notes       what overrides or probes changed, in plain words
 * @param probes      every place the GPU probes looked and what each found, in order (empty when the environment
 *                    named the GPU)
 */
public record Machine(
        Fact operatingSystem,
        Fact architecture,
        Optional<Fact> glibcVersion,
        Optional<Fact> macosVersion,
        String interpreter,
        Optional<PythonInterpreter> python,
        List<DetectedGpu> gpus,
        List<String> notes,
        List<ProbeAttempt> probes) {

    public Machine {
        gpus = List.copyOf(gpus);
        notes = List.copyOf(notes);
        probes = List.copyOf(probes);
    }

    /** The GPU the plan is made for: NVIDIA before AMD before Intel, as the probes are ordered. */
    public Optional<DetectedGpu> gpu() {
        return gpus.stream().findFirst();
    }
}
