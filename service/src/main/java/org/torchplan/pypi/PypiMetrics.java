package org.torchplan.pypi;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.torchplan.catalog.index.IndexMetrics;

/** The PyPI reader's Micrometer meters ({@code torchplan.pypi.*}), apart from the PyTorch catalog's. */
public class PypiMetrics implements IndexMetrics {

    private final MeterRegistry registry;
    private final Counter fetches;
    private final Counter failures;
    private final Counter bytes;
    private final Counter skippedLinks;
    private final Counter refusedRefreshes;
    private final Counter metadataFiles;
    private final Counter metadataFromWheelRanges;
    private final Counter metadataFromWheelDownloads;
    private final Counter metadataDigestRefusals;
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter changedDigests;
    private final Counter droppedDigests;

    public PypiMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.fetches = counter("torchplan.pypi.fetches", "HTTP requests sent to PyPI (pages, metadata, wheel parts)");
        this.failures = counter("torchplan.pypi.fetch.failures", "PyPI fetches that failed after retries");
        this.bytes = Counter.builder("torchplan.pypi.bytes").description("bytes of bodies received from PyPI")
                .baseUnit("bytes").register(registry);
        this.skippedLinks = counter("torchplan.pypi.skipped.links", "links of project pages that are not wheels");
        this.refusedRefreshes = counter("torchplan.pypi.refused.refreshes",
                "project refreshes that kept the previous copy (failure, empty or shrunken page)");
        this.metadataFiles = metadataCounter("pep658", "core metadata read from PEP 658/714 .metadata files");
        this.metadataFromWheelRanges = metadataCounter("wheel-range",
                "core metadata read from inside a wheel with range requests (the index served no metadata file)");
        this.metadataFromWheelDownloads = metadataCounter("wheel-download",
                "core metadata read from a wheel downloaded whole (no metadata file, no range requests)");
        this.metadataDigestRefusals = counter("torchplan.pypi.metadata.digest.refusals",
                "metadata files refused because their sha256 is not the one the page declares");
        this.cacheHits = counter("torchplan.pypi.cache.hits", "project lookups answered from memory");
        this.cacheMisses = counter("torchplan.pypi.cache.misses", "project lookups that had to read the page");
        this.changedDigests = Counter.builder("torchplan.pypi.digests").tag("kind", "changed")
                .description("files listed with another sha256 than the known one; the known digest was kept")
                .register(registry);
        this.droppedDigests = Counter.builder("torchplan.pypi.digests").tag("kind", "dropped")
                .description("files listed without their known sha256; the known digest was kept")
                .register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).register(registry);
    }

    private Counter metadataCounter(String source, String description) {
        return Counter.builder("torchplan.pypi.metadata.reads").tag("source", source).description(description)
                .register(registry);
    }

    @Override
    public void fetched() {
        fetches.increment();
    }

    @Override
    public void fetchFailed() {
        failures.increment();
    }

    @Override
    public void bytesReceived(long count) {
        bytes.increment(count);
    }

    @Override
    public void skipped(int count) {
        skippedLinks.increment(count);
    }

    void refused() {
        refusedRefreshes.increment();
    }

    void metadataRead(MetadataOrigin origin) {
        switch (origin) {
            case METADATA_FILE -> metadataFiles.increment();
            case WHEEL_RANGES -> metadataFromWheelRanges.increment();
            case WHEEL_DOWNLOAD -> metadataFromWheelDownloads.increment();
        }
    }

    void metadataDigestRefused() {
        metadataDigestRefusals.increment();
    }

    void cacheHit() {
        cacheHits.increment();
    }

    void cacheMiss() {
        cacheMisses.increment();
    }

    void digests(int changed, int dropped) {
        changedDigests.increment(changed);
        droppedDigests.increment(dropped);
    }

    /** The age of the oldest project held, in seconds. */
    void entryAge(Supplier<Number> oldestSeconds) {
        Gauge.builder("torchplan.pypi.entry.age", oldestSeconds).description("age of the oldest PyPI project held")
                .baseUnit("seconds").register(registry);
    }

    /** Where a distribution's core metadata was read from. */
    enum MetadataOrigin {
        METADATA_FILE,
        WHEEL_RANGES,
        WHEEL_DOWNLOAD
    }
}
