package org.torchplan.policy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.Channel;
import org.torchplan.packaging.MarkerEnvironment;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Version;

/**
 * What a fleet allows its machines to install: a plain value the planner takes. The service binds it from
 * {@code torchplan.policy.*} at start-up ({@link org.torchplan.policy.binding.PolicyProperties}), so a typo in the
 * policy stops the start-up with the offending value named, instead of silently allowing everything.
 *
 * @param allowedBackends the backends plans may choose; empty allows every backend
 * @param allowedChannels the channels plans may use; empty allows every channel
 * @param blockedRequirements PEP 508 requirements naming versions no plan may choose ({@code torch==2.6.0})
 * @param indexUrl the index root plans name instead of the upstream one (an internal mirror), or null
 * @param pypiIndexUrl the index of the second step (non-PyTorch requirements)
 */
public record FleetPolicy(
        List<ComputeBackend> allowedBackends,
        List<Channel> allowedChannels,
        List<Requirement> blockedRequirements,
        String indexUrl,
        String pypiIndexUrl) {

    /** The public Python package index, for the second step when the policy names no mirror. */
    public static final String PYPI_INDEX_URL = "https://pypi.org/simple";

    /** The policy of a fleet that restricts nothing. */
    public static final FleetPolicy OPEN = new FleetPolicy(List.of(), List.of(), List.of(), null, null);

    public FleetPolicy {
        allowedBackends = allowedBackends == null ? List.of() : List.copyOf(allowedBackends);
        allowedChannels = allowedChannels == null ? List.of() : List.copyOf(allowedChannels);
        blockedRequirements = blockedRequirements == null ? List.of() : List.copyOf(blockedRequirements);
        indexUrl = indexUrl == null || indexUrl.isBlank() ? null : httpUrl("index-url", indexUrl);
        pypiIndexUrl = pypiIndexUrl == null || pypiIndexUrl.isBlank()
                ? PYPI_INDEX_URL
                : httpUrl("pypi-index-url", pypiIndexUrl);
    }

    public boolean allowsBackend(ComputeBackend backend) {
        return allowedBackends.isEmpty() || allowedBackends.contains(backend);
    }

    public boolean allowsChannel(Channel channel) {
        return allowedChannels.isEmpty() || allowedChannels.contains(channel);
    }

    /**
     * The blocked requirement that excludes {@code version} of {@code normalizedName}, if any. A blocked requirement
     * with a marker applies only where the marker holds. Pre-releases are matched too: blocking is not a preference.
     */
    public Optional<Requirement> blocking(String normalizedName, Version version, MarkerEnvironment environment) {
        for (Requirement blocked : blockedRequirements) {
            if (blocked.normalizedName().equals(normalizedName)
                    && blocked.specifier().contains(version, true)
                    && blocked.marker().map(marker -> marker.evaluate(environment)).orElse(true)) {
                return Optional.of(blocked);
            }
        }
        return Optional.empty();
    }

    /** Whether any requirement for {@code normalizedName} is blocked (a quick test before checking versions). */
    public boolean blocksAnyVersionOf(String normalizedName) {
        for (Requirement blocked : blockedRequirements) {
            if (blocked.normalizedName().equals(normalizedName)) {
                return true;
            }
        }
        return false;
    }

    private static String httpUrl(String property, String value) {
        String trimmed = value.strip();
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException("torchplan.policy." + property + " is not a URL: '" + value + "'");
        }
        if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "torchplan.policy." + property + " must be an http(s) URL with a host: '" + value + "'");
        }
        // plans append "/<backend>" to the root: one trailing slash less avoids "//" in every index URL
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
