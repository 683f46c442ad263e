package org.torchplan.client.detect;

import java.util.Objects;

/** One detected value and where it came from (a file, a command, an environment variable). */
public record Fact(String value, String source) {
    public Fact {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return value + " (from " + source + ")";
    }
}
