package org.torchplan.client.run;

import java.util.Map;
import java.util.Set;

/**
 * What a plan says it installs, for checking its steps against it: the steps may read only the index of this
 * backend and channel for the pinned PyTorch packages, and one other index for the requirements that were asked for.
 *
 * @param backend        the plan's backend ({@code cu126}), empty when it names no PyTorch package
 * @param channel        the plan's channel: {@code stable}, {@code test} or {@code nightly}
 * @param pinnedVersions the planned PyTorch packages' versions, by normalized project name
 * @param requestedNames the normalized project names the user asked for (arguments and requirements files)
 * @param environmentVersions the third-party distributions of the plan's resolved environment, by normalized name:
 *                            step 2 may pin these too, at exactly these versions (what the requirements pulled in)
 */
public record PlanOutline(String backend, String channel, Map<String, String> pinnedVersions,
                          Set<String> requestedNames, Map<String, String> environmentVersions) {

    public PlanOutline {
        pinnedVersions = Map.copyOf(pinnedVersions);
        requestedNames = Set.copyOf(requestedNames);
        environmentVersions = Map.copyOf(environmentVersions);
    }

    /** An outline of a plan with no resolved environment. */
    public PlanOutline(String backend, String channel, Map<String, String> pinnedVersions, Set<String> requestedNames) {
        this(backend, channel, pinnedVersions, requestedNames, Map.of());
    }

    /**
     * The path the PyTorch index URL ends with for this backend and channel ({@code cu126}, {@code nightly/cu128}),
     * as the service lays out its index roots; null for a channel it does not know.
     */
    String pytorchIndexPath() {
        switch (channel) {
            case "stable":
                return backend;
            case "test":
            case "nightly":
                return channel + "/" + backend;
            default:
                return null;
        }
    }
}
