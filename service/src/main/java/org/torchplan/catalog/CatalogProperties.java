package org.torchplan.catalog;

import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.PytorchIndex;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.torchplan.packaging.PackageName;

/**
 * How the catalog reads and keeps the index ({@code torchplan.catalog.*}).
 *
 * @param packages the PyTorch package set to catalog; unset: {@link PytorchIndex#PACKAGES}
 * @param additionalPackages packages added to that set without repeating it
 * @param ttl how long an entry counts as fresh, per channel
 * @param refreshOnStart refresh the stable channel from upstream in the background after start
 * @param offline never contact upstream (serve the persisted catalog or the embedded snapshot)
 * @param dataDir where the last good live catalog and the companion pins are kept
 * @param upstream HTTP settings towards the index
 * @param minRatio a refresh yielding fewer than this fraction of the wheels it would replace is refused
 * @param companionMetadata fetch PEP 658 metadata of companion wheels in the background to pair them with torch
 * @param maxAge data older than this, per channel, makes the catalog and every plan resting on it stale, with a
 *     warning (an offline service on an old snapshot, or an upstream that has failed for days)
 */
@ConfigurationProperties("torchplan.catalog")
public record CatalogProperties(
        List<String> packages,
        @DefaultValue({}) List<String> additionalPackages,
        @DefaultValue Ttl ttl,
        @DefaultValue("true") boolean refreshOnStart,
        @DefaultValue("false") boolean offline,
        @DefaultValue("torchplan-data") Path dataDir,
        @DefaultValue Upstream upstream,
        @DefaultValue("0.5") double minRatio,
        @DefaultValue("true") boolean companionMetadata,
        @DefaultValue MaxAge maxAge) {

    public CatalogProperties {
        packages = packages == null || packages.isEmpty() ? PytorchIndex.PACKAGES : List.copyOf(packages);
    }

    /** Maximum age of the data per channel: stable releases come every few weeks, nightlies daily. */
    public record MaxAge(
            @DefaultValue("7d") Duration stable,
            @DefaultValue("2d") Duration nightly,
            @DefaultValue("7d") Duration test) implements PerChannel {}

    /** Time-to-live of an entry per channel: stable pages change rarely, nightly daily, test during a release. */
    public record Ttl(
            @DefaultValue("6h") Duration stable,
            @DefaultValue("30m") Duration nightly,
            @DefaultValue("30m") Duration test) implements PerChannel {}

    /** A duration set per channel. */
    public interface PerChannel {
        Duration stable();

        Duration nightly();

        Duration test();

        default Duration of(Channel channel) {
            return switch (channel) {
                case STABLE -> stable();
                case NIGHTLY -> nightly();
                case TEST -> test();
            };
        }
    }

    /**
     * Connection behaviour towards the index or mirror. {@code requestBudget}: how long a request may wait for a
     * channel loaded on demand (nightly, test) before it is answered 503 naming the index and the cause.
     */
    public record Upstream(
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("30s") Duration readTimeout,
            @DefaultValue("8") int maxConcurrentRequests,
            @DefaultValue("2") int retries,
            @DefaultValue("500ms") Duration backoff,
            @DefaultValue("30s") Duration retryFailedAfter,
            @DefaultValue("5s") Duration requestBudget) {}

    /** The package set, normalized (PEP 503), configured order, duplicates removed. */
    public Set<String> packageSet() {
        List<String> all = new ArrayList<>(packages);
        all.addAll(additionalPackages);
        Set<String> normalized = new LinkedHashSet<>();
        for (String name : all) {
            normalized.add(PackageName.normalize(name));
        }
        return Set.copyOf(normalized);
    }

    /** The defaults, as configuration binding gives them without any properties (for code outside Spring). */
    public static CatalogProperties defaults(Path dataDir) {
        return new CatalogProperties(
                PytorchIndex.PACKAGES,
                List.of(),
                new Ttl(Duration.ofHours(6), Duration.ofMinutes(30), Duration.ofMinutes(30)),
                true,
                false,
                dataDir,
                new Upstream(Duration.ofSeconds(5), Duration.ofSeconds(30), 8, 2, Duration.ofMillis(500),
                        Duration.ofSeconds(30), Duration.ofSeconds(5)),
                0.5,
                true,
                new MaxAge(Duration.ofDays(7), Duration.ofDays(2), Duration.ofDays(7)));
    }
}
