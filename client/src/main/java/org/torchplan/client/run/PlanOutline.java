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
 */
public record PlanOutline(String backend, String channel, Map<String, String> pinnedVersions,
                          Set<String> requestedNames) {

    public PlanOutline {
        pinnedVersions = Map.copyOf(pinnedVersions);
        requestedNames = Set.copyOf(requestedNames);
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
