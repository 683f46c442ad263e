package org.torchplan.pypi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.index.IndexClient;
import org.torchplan.catalog.index.UpstreamUnavailableException;
import org.torchplan.catalog.index.Validators;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.storage.CatalogPersistence;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.PackagingParseException;
import org.torchplan.resolve.ProjectSource;

/**
 * PyPI's projects and their wheels' core metadata, as the resolver reads them ({@link ProjectSource}), with the
 * PyTorch catalog's guarantees:
 * <ul>
 *   <li>per project, held in a bounded Caffeine cache; fresh for {@code torchplan.pypi.max-age}, then served while
 *       one background refresh runs (stale-while-revalidate); "no such project" believed for
 *       {@code missing-max-age};</li>
 *   <li>a miss is read once however many callers ask together (single flight), and waited for only within the
 *       plan's budget ({@link #forPlan}); beyond it, {@link UpstreamUnavailableException} (503 with Retry-After)
 *       while the read goes on and serves later plans; a failed miss is remembered for
 *       {@code torchplan.catalog.upstream.retry-failed-after};</li>
 *   <li>a refresh never loses data ({@link ProjectUpdate}: loss and digest guards);</li>
 *   <li>metadata per file digest, read once and kept (bounded), never from a metadata file whose digest is not the
 *       declared one;</li>
 *   <li>everything persisted in the data directory ({@link PypiStore}); offline, only that is served and no socket
 *       is opened.</li>
 * </ul>
 */
public class PypiProjects implements ProjectSource, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PypiProjects.class);
    /** How long changes gather before the file is written. */
    private static final Duration WRITE_DELAY = Duration.ofSeconds(1);

    private final PypiProperties properties;
    private final CatalogProperties.Upstream upstream;
    private final double minRatio;
    private final boolean offline;
    private final PypiIndex index;
    private final IndexClient client;
    private final PypiStore store;
    private final PypiMetrics metrics;
    private final Clock clock;
    private final ExecutorService reads;
    private final java.util.concurrent.ScheduledExecutorService writes;
    private final Cache<String, PypiProject> projects;
    private final Cache<String, DistributionMetadata> metadata;
    /** Bounded like the projects: a request may name any number of projects that do not exist. */
    private final Map<String, Validators> validators;
    private final Map<String, CompletableFuture<PypiProject>> projectLoads = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<DistributionMetadata>> metadataLoads = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures;
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> consecutiveShrinks;
    private final AtomicBoolean writeScheduled = new AtomicBoolean();

    /**
     * @param client the HTTP client towards PyPI (its own, with PyPI's allowed origins and {@code metrics})
     * @param catalog the catalog's settings: connection, budget, minimum ratio, offline, data directory
     */
    private final AtomicLong version = new AtomicLong();

    public PypiProjects(PypiProperties properties, CatalogProperties catalog, IndexClient client,
            CatalogPersistence persistence, PypiMetrics metrics, Clock clock) {
        this.properties = properties;
        this.upstream = catalog.upstream();
        this.minRatio = catalog.minRatio();
        this.offline = properties.offline() || catalog.offline();
        this.client = client;
        this.index = new PypiIndex(properties, client, metrics);
        this.store = new PypiStore(persistence, properties.root());
        this.metrics = metrics;
        this.clock = clock;
        this.reads = Executors.newFixedThreadPool(Math.max(1, upstream.maxConcurrentRequests()), daemon("pypi-read"));
        this.writes = Executors.newSingleThreadScheduledExecutor(daemon("pypi-write"));
        this.projects = Caffeine.newBuilder().maximumSize(properties.maxProjects()).build();
        this.metadata = Caffeine.newBuilder().maximumSize(properties.maxMetadata()).build();
        this.validators = Caffeine.newBuilder().maximumSize(properties.maxProjects()).<String, Validators>build().asMap();
        this.consecutiveShrinks =
                Caffeine.newBuilder().maximumSize(properties.maxProjects()).<String, Integer>build().asMap();
        this.failures = Caffeine.newBuilder().maximumSize(properties.maxProjects())
                .expireAfterWrite(upstream.retryFailedAfter()).<String, Failure>build().asMap();
        PypiStore.Stored stored = store.read();
        for (PypiProject project : stored.projects()) {
            projects.put(project.name(), project);
        }
        metadata.putAll(stored.metadata());
        if (!stored.projects().isEmpty() || !stored.metadata().isEmpty()) {
            log.info("PyPI: {} projects and {} metadata files from {}", stored.projects().size(),
                    stored.metadata().size(), CatalogPersistence.PYPI_FILE);
        }
        metrics.entryAge(this::oldestAgeSeconds);
    }

    /** A reader with its own HTTP client allowing the index's origin and PyPI's file host (tools, tests). */
    public static PypiProjects standalone(PypiProperties properties, CatalogProperties catalog, PypiMetrics metrics,
            Clock clock) {
        IndexClient client = new IndexClient(catalog.upstream(), metrics, properties.origins(),
                "torchplan.pypi.allowed-origins");
        return new PypiProjects(properties, catalog, client, new CatalogPersistence(catalog.dataDir()), metrics, clock);
    }

    /**
     * A number that changes whenever what a resolution could read changes (a project's files, a metadata file
     * read): answers computed from this reader's data are reusable while it stays the same.
     */
    public long version() {
        return version.get();
    }

    /** Whether files (and their metadata) at {@code url} may be read: PyPI's origins and the PyTorch index's. */
    public boolean allowsFilesFrom(String url) {
        return client.allows(url);
    }

    public String indexRoot() {
        return index.root();
    }

    /** Within the default budget per call ({@code torchplan.catalog.upstream.request-budget}). */
    @Override
    public Optional<List<IndexedFile>> files(String normalizedName) {
        return files(normalizedName, deadline(upstream.requestBudget()));
    }

    @Override
    public DistributionMetadata metadata(String normalizedName, IndexedFile file) {
        return metadata(file, deadline(upstream.requestBudget()));
    }

    /**
     * The source one plan reads through: every miss it waits for, pages and metadata alike, shares one budget
     * counted from now.
     */
    public ProjectSource forPlan(Duration budget) {
        long deadline = deadline(budget);
        return new ProjectSource() {
            @Override
            public Optional<List<IndexedFile>> files(String normalizedName) {
                return PypiProjects.this.files(normalizedName, deadline);
            }

            @Override
            public DistributionMetadata metadata(String normalizedName, IndexedFile file) {
                return PypiProjects.this.metadata(file, deadline);
            }
        };
    }

    /** Starts reading the projects not held yet, in the background (a resolver knowing what it will ask). */
    public void prefetch(Collection<String> names) {
        if (offline) {
            return;
        }
        for (String name : names) {
            String normalized = PackageName.normalize(name);
            if (projects.getIfPresent(normalized) == null && !rememberedFailure(normalized).isPresent()) {
                load(normalized);
            }
        }
    }

    /** The copy held of a project, without any I/O. */
    public Optional<PypiProject> held(String name) {
        return Optional.ofNullable(projects.getIfPresent(PackageName.normalize(name)));
    }

    /** The status of every project held: the weakest source, the oldest fetch, stale when any is. */
    public CatalogStatus status() {
        return status(projects.asMap().values());
    }

    /** The status of the projects a plan read, for the plan to report next to the catalog's. */
    public CatalogStatus statusOf(Collection<String> names) {
        List<PypiProject> read = new ArrayList<>();
        for (String name : names) {
            held(name).ifPresent(read::add);
        }
        return status(read);
    }

    private Optional<List<IndexedFile>> files(String name, long deadline) {
        PypiProject project = project(PackageName.normalize(name), deadline);
        return project.missing() ? Optional.empty() : Optional.of(project.files());
    }

    private PypiProject project(String name, long deadline) {
        PypiProject held = projects.getIfPresent(name);
        if (held != null && !(held.missing() && isOlderThan(held, properties.missingMaxAge()) && !offline)) {
            metrics.cacheHit();
            if (!offline && isOlderThan(held, properties.maxAge())) {
                refreshInBackground(name);
            }
            return held;
        }
        metrics.cacheMiss();
        if (offline) {
            if (held != null) {
                return held;
            }
            throw new UpstreamUnavailableException("PyPI project " + name + " is not held and the service is offline"
                    + " (torchplan.pypi.offline / torchplan.catalog.offline): only persisted projects are served");
        }
        Optional<Failure> failed = rememberedFailure(name);
        if (failed.isPresent()) {
            throw unavailable("project " + name, failed.get().reason() + " (at " + failed.get().at()
                    + "; tried again from " + failed.get().at().plus(upstream.retryFailedAfter()) + ")");
        }
        return await(load(name), deadline, "project " + name);
    }

    /** Reads a project's page once however many callers ask together. */
    private CompletableFuture<PypiProject> load(String name) {
        CompletableFuture<PypiProject> load = projectLoads.computeIfAbsent(name, unused -> {
            CompletableFuture<PypiProject> read = new CompletableFuture<>();
            try {
                // out of the map before completing: a caller woken by the answer that asks again (a refresh)
                // must start a new read, not get this finished one; the answer is in the cache by then
                reads.execute(() -> {
                    try {
                        PypiProject project = refresh(name);
                        projectLoads.remove(name, read);
                        read.complete(project);
                    } catch (RuntimeException failure) {
                        projectLoads.remove(name, read);
                        read.completeExceptionally(failure);
                    }
                });
            } catch (RejectedExecutionException closed) {
                read.completeExceptionally(new UpstreamUnavailableException("the PyPI reader is shut down"));
            }
            return read;
        });
        if (load.isCompletedExceptionally()) {
            projectLoads.remove(name, load); // shut down: not kept for the next caller
        }
        return load;
    }

    /** Reads the page now and keeps what {@link ProjectUpdate} makes of it. */
    private PypiProject refresh(String name) {
        PypiProject previous = projects.getIfPresent(name);
        Validators sent = previous == null ? Validators.NONE : validators.getOrDefault(name, Validators.NONE);
        PypiIndex.Page page = index.read(name, sent);
        Instant now = clock.instant();
        ProjectUpdate.Outcome outcome = ProjectUpdate.apply(name, previous, page, now, minRatio,
                consecutiveShrinks.getOrDefault(name, 0));
        if (outcome.shrinkRefused()) {
            consecutiveShrinks.merge(name, 1, Integer::sum);
        } else if (outcome.failure() == null) {
            consecutiveShrinks.remove(name);
        }
        if (outcome.refused()) {
            metrics.refused();
        }
        metrics.digests(outcome.changedDigests(), outcome.droppedDigests());
        if (outcome.failure() != null) {
            failures.put(name, new Failure(now, outcome.failure()));
        } else {
            failures.remove(name);
        }
        if (page instanceof PypiIndex.Page.Listed listed && !outcome.shrinkRefused()) {
            if (listed.validators().isEmpty()) {
                validators.remove(name);
            } else {
                validators.put(name, listed.validators());
            }
        }
        if (outcome.project().isEmpty()) {
            throw unavailable("project " + name, outcome.failure());
        }
        PypiProject kept = outcome.project().get();
        if (!kept.equals(projects.getIfPresent(name))) {
            version.incrementAndGet();
        }
        projects.put(name, kept);
        if (outcome.failure() == null) {
            persistSoon();
        }
        return kept;
    }

    private void refreshInBackground(String name) {
        Optional<Failure> failed = rememberedFailure(name);
        if (failed.isPresent() || !refreshing.add(name)) {
            return;
        }
        load(name).whenComplete((project, failure) -> refreshing.remove(name));
    }

    private DistributionMetadata metadata(IndexedFile file, long deadline) {
        String key = metadataKey(file);
        DistributionMetadata held = metadata.getIfPresent(key);
        if (held != null) {
            return held;
        }
        if (offline) {
            throw new UpstreamUnavailableException("the core metadata of " + file.filename() + " is not held and the"
                    + " service is offline (torchplan.pypi.offline / torchplan.catalog.offline)");
        }
        Optional<Failure> failed = rememberedFailure(key);
        if (failed.isPresent()) {
            throw new MetadataUnavailableException(file, failed.get().reason());
        }
        CompletableFuture<DistributionMetadata> load = metadataLoads.computeIfAbsent(key, unused -> {
            CompletableFuture<DistributionMetadata> read = new CompletableFuture<>();
            try {
                reads.execute(() -> {
                    try {
                        DistributionMetadata parsed = readMetadata(key, file);
                        metadataLoads.remove(key, read);
                        read.complete(parsed);
                    } catch (RuntimeException failure) {
                        metadataLoads.remove(key, read);
                        read.completeExceptionally(failure);
                    }
                });
            } catch (RejectedExecutionException closed) {
                read.completeExceptionally(new UpstreamUnavailableException("the PyPI reader is shut down"));
            }
            return read;
        });
        if (load.isCompletedExceptionally()) {
            metadataLoads.remove(key, load);
        }
        return await(load, deadline, "the core metadata of " + file.filename());
    }

    private DistributionMetadata readMetadata(String key, IndexedFile file) {
        try {
            WheelMetadata.Read read = index.metadata(file);
            DistributionMetadata parsed = DistributionMetadata.parse(read.text());
            metrics.metadataRead(read.origin());
            metadata.put(key, parsed);
            version.incrementAndGet();
            failures.remove(key);
            persistSoon();
            return parsed;
        } catch (PypiIndex.MetadataDigestException refused) {
            metrics.metadataDigestRefused();
            log.warn("PyPI: {}", refused.getMessage());
            failures.put(key, new Failure(clock.instant(), refused.getMessage()));
            throw new MetadataUnavailableException(file, refused.getMessage());
        } catch (IOException | PackagingParseException unreadable) {
            failures.put(key, new Failure(clock.instant(), unreadable.getMessage()));
            throw new MetadataUnavailableException(file, unreadable.getMessage());
        }
    }

    /**
     * Metadata is immutable per file: keyed by the wheel's sha256 when the index gives one (the same bytes under any
     * URL), else by its URL.
     */
    static String metadataKey(IndexedFile file) {
        return file.sha256() != null ? "sha256:" + file.sha256() : "url:" + file.url();
    }

    private <T> T await(CompletableFuture<T> work, long deadline, String what) {
        try {
            return work.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            throw unavailable(what, "no answer within the plan's budget (torchplan.catalog.upstream.request-budget);"
                    + " the read goes on in the background");
        } catch (ExecutionException | CompletionException failed) {
            Throwable cause = failed.getCause() == null ? failed : failed.getCause();
            if (cause instanceof UpstreamUnavailableException unavailable) {
                throw unavailable;
            }
            throw unavailable(what, String.valueOf(cause.getMessage()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw unavailable(what, "interrupted");
        }
    }

    private UpstreamUnavailableException unavailable(String what, String reason) {
        return new UpstreamUnavailableException(what + " could not be read from " + index.root() + ": " + reason);
    }

    private Optional<Failure> rememberedFailure(String key) {
        Failure failed = failures.get(key);
        return failed != null && failed.at().plus(upstream.retryFailedAfter()).isAfter(clock.instant())
                ? Optional.of(failed) : Optional.empty();
    }

    private boolean isOlderThan(PypiProject project, Duration age) {
        return project.fetchedAt().plus(age).isBefore(clock.instant());
    }

    private static long deadline(Duration budget) {
        return System.nanoTime() + budget.toNanos();
    }

    private CatalogStatus status(Collection<PypiProject> held) {
        CatalogSource weakest = CatalogSource.LIVE;
        Instant oldest = null;
        boolean stale = false;
        for (PypiProject project : held) {
            if (project.source().compareTo(weakest) < 0) {
                weakest = project.source();
            }
            if (oldest == null || project.fetchedAt().isBefore(oldest)) {
                oldest = project.fetchedAt();
            }
            stale |= project.isStale();
        }
        return new CatalogStatus(weakest, oldest, stale);
    }

    private Number oldestAgeSeconds() {
        Instant oldest = status().fetchedAt();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds());
    }

    /**
     * Writes the projects and metadata held soon, once for a burst of changes (a cold resolution reads dozens of
     * pages and metadata files within a second; the file is written once after them, and at shutdown).
     */
    private void persistSoon() {
        if (writeScheduled.compareAndSet(false, true)) {
            try {
                writes.schedule(() -> {
                    writeScheduled.set(false);
                    persistNow();
                }, WRITE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                writeScheduled.set(false);
            }
        }
    }

    /** Writes what is held now (live and persisted copies; a project whose read failed keeps its last good copy). */
    public void persistNow() {
        List<PypiProject> held = new ArrayList<>(projects.asMap().values());
        held.sort((left, right) -> left.name().compareTo(right.name()));
        Map<String, DistributionMetadata> known = new LinkedHashMap<>(metadata.asMap());
        store.write(held, known);
    }

    @Override
    public void close() throws InterruptedException {
        reads.shutdownNow();
        writes.shutdown();
        if (!writes.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("PyPI: the last write of {} did not finish in time", CatalogPersistence.PYPI_FILE);
        }
        client.close();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Failure(Instant at, String reason) {}

    /** The core metadata of a file could not be read (or was refused); the resolver may skip the file. */
    public static final class MetadataUnavailableException extends UpstreamUnavailableException {

        MetadataUnavailableException(IndexedFile file, String reason) {
            super("the core metadata of " + file.filename() + " could not be read: " + reason);
        }
    }
}
