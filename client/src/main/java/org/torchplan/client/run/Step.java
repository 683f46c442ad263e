package org.torchplan.client.run;

import java.util.List;

/** One command of a plan: what it does, and the argv the service rendered ({@code argv[0]} is python or uv). */
public record Step(String description, List<String> argv) {
    public Step {
        argv = List.copyOf(argv);
    }
}
