package org.torchplan.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.torchplan.policy.FleetPolicy;

/** The effective fleet policy as {@code GET /policy} shows it; empty lists allow everything. */
@Schema(name = "FleetPolicy")
public record PolicyView(
        List<String> allowedBackends,
        List<String> allowedChannels,
        List<String> blockedRequirements,
        @Schema(description = "the index root plans name instead of the upstream one; null for the upstream")
        String indexUrl,
        String pypiIndexUrl) {

    static PolicyView of(FleetPolicy policy) {
        return new PolicyView(
                policy.allowedBackends().stream().map(Object::toString).toList(),
                policy.allowedChannels().stream().map(channel -> channel.id()).toList(),
                policy.blockedRequirements().stream().map(Object::toString).toList(),
                policy.indexUrl(),
                policy.pypiIndexUrl());
    }
}
