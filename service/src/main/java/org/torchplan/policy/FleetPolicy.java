package org.torchplan.policy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.Channel;
import org.torchplan.packaging.Architecture;
import org.torchplan.packaging.InvalidMarkerException;
import org.torchplan.packaging.InvalidTagException;
import org.torchplan.packaging.Marker;
import org.torchplan.packaging.MarkerEnvironment;
import org.torchplan.packaging.OperatingSystem;
import org.torchplan.packaging.PythonTarget;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Target;
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
        blockedRequirements.forEach(FleetPolicy::checkMarkerEvaluates);
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
     * A marker that cannot be evaluated for this machine (start-up rules out those that fail everywhere) blocks: a
     * block the policy may have meant is kept rather than dropped.
     */
    public Optional<Requirement> blocking(String normalizedName, Version version, MarkerEnvironment environment) {
        for (Requirement blocked : blockedRequirements) {
            if (blocked.normalizedName().equals(normalizedName)
                    && blocked.specifier().contains(version, true)
                    && blocked.marker().map(marker -> holdsOrUndecided(marker, environment)).orElse(true)) {
                return Optional.of(blocked);
            }
        }
        return Optional.empty();
    }

    private static boolean holdsOrUndecided(Marker marker, MarkerEnvironment environment) {
        try {
            return marker.evaluate(environment);
        } catch (InvalidMarkerException undecided) {
            return true;
        }
    }

    /**
     * A blocked requirement's marker must be one that can be evaluated: it is tried on every supported OS and
     * architecture with a few Pythons, and one failing there stops the start-up naming it, instead of failing plans.
     */
    private static void checkMarkerEvaluates(Requirement blocked) {
        if (blocked.marker().isEmpty()) {
            return;
        }
        Marker marker = blocked.marker().get();
        for (OperatingSystem os : OperatingSystem.values()) {
            for (Architecture arch : Architecture.values()) {
                for (String python : List.of("3.9", "3.12", "3.13t")) {
                    MarkerEnvironment environment;
                    try {
                        environment = Target.of(PythonTarget.parse(python), os, arch).markerEnvironment();
                    } catch (InvalidTagException noSuchMachine) { // windows on s390x, ...
                        continue;
                    }
                    try {
                        marker.evaluate(environment);
                    } catch (InvalidMarkerException cannotEvaluate) {
                        throw new IllegalArgumentException("blocked-requirements: the marker of '" + blocked
                                + "' cannot be evaluated (" + cannotEvaluate.getMessage() + ")");
                    }
                }
            }
        }
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
