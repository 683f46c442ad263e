package org.torchplan.catalog.live;

import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.storage.CatalogData;
import org.torchplan.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds catalog services against a loopback mirror, with test-sized timeouts and a hand-moved clock. */
public final class CatalogServiceFixture {

    public static final Instant START = Instant.parse("2026-06-01T12:00:00Z");
    public static final Instant SNAPSHOT_DATE = Instant.parse("2026-05-19T06:15:55Z");

    private CatalogServiceFixture() {}

    public static CatalogProperties properties(Path dataDir, boolean offline, List<String> packages) {
        return properties(dataDir, offline, packages, Duration.ofMillis(400));
    }

    /** @param readTimeout how long a fetch waits for an answer before it retries (short: the fault tests are fast) */
    static CatalogProperties properties(Path dataDir, boolean offline, List<String> packages, Duration readTimeout) {
        return new CatalogProperties(
                packages,
                List.of(),
                new CatalogProperties.Ttl(Duration.ofHours(6), Duration.ofMinutes(30), Duration.ofMinutes(30)),
                false,
                offline,
                dataDir,
                new CatalogProperties.Upstream(Duration.ofSeconds(2), readTimeout, 4, 1,
                        Duration.ofMillis(10), Duration.ZERO, Duration.ofSeconds(5)),
                0.5,
                false,
                new CatalogProperties.MaxAge(Duration.ofDays(7), Duration.ofDays(2), Duration.ofDays(7)));
    }

    static CatalogData emptySnapshot(String root) {
        return new CatalogData(SNAPSHOT_DATE, root, Map.of(), List.of());
    }

    public static CatalogService service(CatalogProperties properties, String root, CatalogData snapshot, MutableClock clock) {
        return CatalogService.standalone(properties, root, new CatalogMetrics(new SimpleMeterRegistry()),
                snapshot, clock);
    }
}
