package org.torchplan.client.run;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The hosts whose indexes the client lets pip read. The steps are already checked against the plan; this checks the
 * plan against the machine: a service that is compromised, misconfigured or impersonated could otherwise send pip to
 * any index it names. Trusted by default: PyTorch's and PyPI's own hosts and the service's host (a fleet's mirror
 * usually sits next to it); others are added with {@value #VARIABLE}.
 */
public final class TrustedIndexHosts {

    /** Comma-separated extra hosts (a fleet's index mirrors), as the operator sets them. */
    public static final String VARIABLE = "TORCHPLAN_TRUSTED_INDEX_HOSTS";

    /** The hosts of download.pytorch.org's pages and files, and of PyPI's simple index. */
    private static final List<String> PUBLIC_INDEX_HOSTS =
            List.of("download.pytorch.org", "download-r2.pytorch.org", "pypi.org");

    private final Set<String> hosts;

    private TrustedIndexHosts(Set<String> hosts) {
        this.hosts = hosts;
    }

    /** The public index hosts, the service's host and those of {@value #VARIABLE}. */
    public static TrustedIndexHosts of(String serviceHost, Map<String, String> environment) {
        Set<String> hosts = new LinkedHashSet<>(PUBLIC_INDEX_HOSTS);
        hosts.add(serviceHost.toLowerCase(Locale.ROOT));
        String extra = environment.getOrDefault(VARIABLE, "");
        for (String host : extra.split(",")) {
            if (!host.isBlank()) {
                hosts.add(host.strip().toLowerCase(Locale.ROOT));
            }
        }
        return new TrustedIndexHosts(hosts);
    }

    /**
     * @param indexUrls the indexes the plan's steps read
     * @throws UnsafeStepException for the first index on another host, saying how to trust it
     */
    public void check(List<String> indexUrls) {
        for (String url : indexUrls) {
            String host = hostOf(url);
            if (!hosts.contains(host)) {
                throw new UnsafeStepException("refusing the plan: it installs from " + url + ", and " + host
                        + " is not a trusted index host (" + String.join(", ", hosts) + "). If this index is your "
                        + "fleet's mirror, trust it with " + VARIABLE + "=" + host + "; otherwise tell the "
                        + "service's operator.");
            }
        }
    }

    private static String hostOf(String url) {
        try {
            String host = new URI(url).getHost();
            if (host == null) {
                throw new UnsafeStepException("refusing the plan: its index " + url + " names no host");
            }
            return host.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException malformed) {
            throw new UnsafeStepException("refusing the plan: its index " + url + " is not a URL");
        }
    }
}
