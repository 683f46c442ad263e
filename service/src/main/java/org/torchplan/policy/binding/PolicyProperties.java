package org.torchplan.policy.binding;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.Channel;
import org.torchplan.packaging.Requirement;
import org.torchplan.policy.FleetPolicy;

/**
 * {@code torchplan.policy.*} as configured; {@link #policy()} is the value the planner takes. Each value is parsed
 * while binding ({@link PolicyConfiguration}), so a typo stops the start-up naming the property and the value.
 *
 * @param allowedBackends the backends plans may choose; empty allows every backend
 * @param allowedChannels the channels plans may use; empty allows every channel
 * @param blockedRequirements PEP 508 requirements naming versions no plan may choose ({@code torch==2.6.0})
 * @param indexUrl the index root plans name instead of the upstream one (an internal mirror), or null
 * @param pypiIndexUrl the index of the second step (non-PyTorch requirements), or null for PyPI
 */
@ConfigurationProperties("torchplan.policy")
public record PolicyProperties(
        List<ComputeBackend> allowedBackends,
        List<Channel> allowedChannels,
        List<Requirement> blockedRequirements,
        String indexUrl,
        String pypiIndexUrl) {

    /** @throws IllegalArgumentException naming the property when a URL is not an http(s) URL with a host */
    public FleetPolicy policy() {
        return new FleetPolicy(allowedBackends, allowedChannels, blockedRequirements, indexUrl, pypiIndexUrl);
    }
}
