package org.torchplan.packaging;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a distribution's core metadata (the wheel's {@code METADATA} file, also served as a PEP 658 {@code .metadata}
 * file) says that installing it depends on.
 *
 * @param name the distribution's name, as written
 * @param version its version
 * @param requiresDist every {@code Requires-Dist}, markers (including {@code extra == "..."}) not yet evaluated
 * @param requiresPython the {@code Requires-Python} value as written (checked with {@link RequiresPython}), when given
 * @param providesExtra the extras it declares ({@code Provides-Extra}), normalized
 */
public record DistributionMetadata(
        String name,
        Version version,
        List<Requirement> requiresDist,
        Optional<String> requiresPython,
        List<String> providesExtra) {

    public DistributionMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        requiresDist = List.copyOf(requiresDist);
        Objects.requireNonNull(requiresPython, "requiresPython");
        providesExtra = List.copyOf(providesExtra);
    }
}
