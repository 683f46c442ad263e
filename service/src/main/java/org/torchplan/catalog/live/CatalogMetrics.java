package org.torchplan.catalog.live;

import io.micrometer.core.instrument.Counter;
import org.torchplan.catalog.index.IndexMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** The catalog's Micrometer meters: upstream fetches, failures, bytes, skipped links, entry age. */
public class CatalogMetrics implements IndexMetrics {

    private final MeterRegistry registry;
    private final Counter fetches;
    private final Counter failures;
    private final Counter bytes;
    private final Counter skippedLinks;
    private final Counter refusedRefreshes;
    private final Counter rejectedMetadata;
    private final Counter unparseableRequiresPython;
    private final Counter unparseableWheelNames;
    private final Counter changedDigests;
    private final Counter droppedDigests;
    private final Counter conflictingDuplicates;

    public CatalogMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.fetches = Counter.builder("torchplan.catalog.fetches")
                .description("HTTP requests sent to the upstream index")
                .register(registry);
        this.failures = Counter.builder("torchplan.catalog.fetch.failures")
                .description("upstream fetches that failed after retries (I/O error or error status)")
                .register(registry);
        this.bytes = Counter.builder("torchplan.catalog.bytes")
                .description("bytes of page bodies received from upstream")
                .baseUnit("bytes")
                .register(registry);
        this.skippedLinks = Counter.builder("torchplan.catalog.skipped.links")
                .description("links that were not wheels of the package (sdists, junk, other packages)")
                .register(registry);
        this.refusedRefreshes = Counter.builder("torchplan.catalog.refused.refreshes")
                .description("refreshes that kept the previous copy (failure, empty or shrunken page)")
                .register(registry);
        this.rejectedMetadata = Counter.builder("torchplan.catalog.rejected.metadata")
                .description("PEP 658 metadata files ignored because their sha256 is not the one the page declares")
                .register(registry);
        this.unparseableRequiresPython = Counter.builder("torchplan.catalog.requires.python.unparseable")
                .description("wheels whose Requires-Python does not parse; ignored in plans, as pip ignores it")
                .register(registry);
        this.unparseableWheelNames = Counter.builder("torchplan.catalog.unparseable.wheel.names")
                .description("links to .whl files whose names do not parse; dropped, the entry reported stale")
                .register(registry);
        this.changedDigests = digestCounter("changed",
                "files listed with another sha256 than the known one (possible tampering); the known digest was kept");
        this.droppedDigests = digestCounter("dropped",
                "files listed without their known sha256; the known digest was kept");
        this.conflictingDuplicates = digestCounter("conflicting-duplicates",
                "file names listed twice on one page with different sha256 digests; the file was refused");
    }

    private Counter digestCounter(String kind, String description) {
        return Counter.builder("torchplan.catalog.digest.refusals")
                .tag("kind", kind)
                .description(description)
                .register(registry);
    }

    /** Registers the age of the oldest entry, in seconds, computed when scraped. */
    public void entryAge(Supplier<Number> oldestAgeSeconds) {
        Gauge.builder("torchplan.catalog.entry.age.max", oldestAgeSeconds)
                .description("age of the oldest catalog entry since it was fetched or recorded")
                .baseUnit("seconds")
                .strongReference(true)
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

    @Override
    public void unparseableRequiresPython(int count) {
        unparseableRequiresPython.increment(count);
    }

    @Override
    public void unparseableWheelNames(int count) {
        unparseableWheelNames.increment(count);
    }

    /** What the digest guard refused or kept in one entry's answer. */
    public void digests(DigestGuard.Checked digests) {
        changedDigests.increment(digests.changedDigests());
        droppedDigests.increment(digests.droppedDigests());
        conflictingDuplicates.increment(digests.conflictingDuplicates());
    }

    public void refused() {
        refusedRefreshes.increment();
    }

    public void metadataRejected() {
        rejectedMetadata.increment();
    }

    public MeterRegistry registry() {
        return registry;
    }
}
