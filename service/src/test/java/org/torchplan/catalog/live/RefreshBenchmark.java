package org.torchplan.catalog.live;

import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.catalog.storage.CatalogData;
import org.torchplan.catalog.storage.CatalogPersistence;
import org.torchplan.catalog.storage.EmbeddedSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Benchmark, not a test: a full refresh of the stable channel against an index root (a loopback copy of the
 * recorded mirror, served by {@code scripts/bench-refresh}). Prints requests, seconds and peak heap, for a cold
 * refresh and for a second, conditional one.
 *
 * <p>Usage: {@code RefreshBenchmark <index-root-url>}
 */
public final class RefreshBenchmark {

    private RefreshBenchmark() {}

    public static void main(String[] arguments) throws Exception {
        String root = arguments[0];
        Path dataDir = Files.createTempDirectory("torchplan-bench");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CatalogMetrics metrics = new CatalogMetrics(registry);
        long loadStart = System.nanoTime();
        CatalogData snapshot = EmbeddedSnapshot.load();
        System.out.printf("snapshot load: %d entries in %.3f s%n", snapshot.entries().size(),
                (System.nanoTime() - loadStart) / 1e9);
        CatalogProperties defaults = CatalogProperties.defaults(dataDir);
        CatalogProperties properties = new CatalogProperties(defaults.packages(), defaults.additionalPackages(),
                defaults.ttl(), false, false, dataDir, defaults.upstream(), defaults.minRatio(), false, defaults.maxAge());
        CatalogService catalog = CatalogService.standalone(properties, root, metrics, snapshot,
                Clock.systemUTC());
        try {
            run("full refresh", catalog, registry);
            run("conditional refresh", catalog, registry);
            int files = catalog.allEntries().stream().mapToInt(entry -> entry.files().size()).sum();
            long stale = catalog.allEntries().stream().filter(PackageEntry::isStale).count();
            System.out.printf("catalog: %d entries, %d files, %d stale; persisted %d bytes%n",
                    catalog.allEntries().size(), files, stale,
                    Files.size(dataDir.resolve(CatalogPersistence.CATALOG_FILE)));
        } finally {
            catalog.destroy();
        }
    }

    private static void run(String label, CatalogService catalog, SimpleMeterRegistry registry) {
        double requestsBefore = registry.get("torchplan.catalog.fetches").counter().count();
        double bytesBefore = registry.get("torchplan.catalog.bytes").counter().count();
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        catalog.refreshChannel(Channel.STABLE);
        double seconds = (System.nanoTime() - start) / 1e9;
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
        System.out.printf("%s: %.0f requests, %.1f MB received, %.2f s, peak heap %d MB%n", label,
                registry.get("torchplan.catalog.fetches").counter().count() - requestsBefore,
                (registry.get("torchplan.catalog.bytes").counter().count() - bytesBefore) / 1e6,
                seconds, peakHeap / (1024 * 1024));
    }
}
