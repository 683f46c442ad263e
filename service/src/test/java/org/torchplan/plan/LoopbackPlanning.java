package org.torchplan.plan;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.live.CatalogService;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.live.CatalogMetrics;
import org.torchplan.catalog.storage.EmbeddedSnapshot;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.Requirement;
import org.torchplan.testsupport.LoopbackWheelIndex;
import org.torchplan.testsupport.PipInstallChoice;
import org.torchplan.testsupport.PipRunner;

/**
 * Planning against a loopback wheel index, as the service does it, for tests that compare plans with real pip: the
 * real {@link CatalogService} (starting from the embedded snapshot) refreshes the stable channel from the index,
 * and pip runs go two at a time (the build machine has two cores), each test waiting for its own.
 */
final class LoopbackPlanning implements AutoCloseable {

    private static final Duration PIP_WAIT = Duration.ofMinutes(5);

    private final LoopbackWheelIndex index;
    private final CatalogService catalog;
    private final Path dataDirectory;
    private final ExecutorService pipRuns = Executors.newFixedThreadPool(2);

    private LoopbackPlanning(LoopbackWheelIndex index, CatalogService catalog, Path dataDirectory) {
        this.index = index;
        this.catalog = catalog;
        this.dataDirectory = dataDirectory;
    }

    /**
     * @param packages the packages the index serves; the catalog reads only these. Companion metadata is off:
     *     pairing comes from the built-in release table, which pip's view (the wheels' Requires-Dist) then checks,
     *     and no background fetch races the plans.
     */
    static LoopbackPlanning start(LoopbackWheelIndex index, List<String> packages) throws IOException {
        Path dataDirectory = Files.createTempDirectory("loopback-planning");
        CatalogProperties defaults = CatalogProperties.defaults(dataDirectory);
        CatalogProperties properties = new CatalogProperties(packages, List.of(), defaults.ttl(), false, false,
                dataDirectory, defaults.upstream(), defaults.minRatio(), false, defaults.maxAge());
        CatalogService catalog =
                CatalogService.standalone(properties, index.indexRootUrl(), new CatalogMetrics(new SimpleMeterRegistry()),
                        EmbeddedSnapshot.load(), Clock.systemUTC());
        catalog.refreshChannel(Channel.STABLE);
        return new LoopbackPlanning(index, catalog, dataDirectory);
    }

    LoopbackWheelIndex index() {
        return index;
    }

    CatalogService catalog() {
        return catalog;
    }

    /** The catalog snapshot a plan of this request reads, loaded as the API loads it (nightly on demand). */
    CatalogSnapshot snapshotFor(PlanRequest request) {
        List<String> names = request.requirements().stream().map(Requirement::normalizedName).toList();
        return catalog.snapshotFor(request.channel(), names, Duration.ofSeconds(60));
    }

    /** Runs {@code work} (a plan and a pip run) on the pip threads. */
    <T> CompletableFuture<T> submit(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, pipRuns);
    }

    /** The result of submitted work, its own failure rethrown. */
    static <T> T await(CompletableFuture<T> work) throws Exception {
        try {
            return work.get(PIP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof Exception cause ? cause : failed;
        }
    }

    @Override
    public void close() throws Exception {
        pipRuns.shutdownNow();
        pipRuns.awaitTermination(30, TimeUnit.SECONDS);
        catalog.destroy();
        index.close();
        PipRunner.deleteRecursively(dataDirectory);
    }

    /** (normalized name, version, wheel file name) of pip's choices. */
    static List<List<String>> choicesOf(List<PipInstallChoice> choices) {
        return choices.stream()
                .map(choice -> List.of(PackageName.normalize(choice.name()), choice.version(), fileName(choice.url())))
                .toList();
    }

    /** The same of the plan. */
    static List<List<String>> choicesOf(PlanResult plan) {
        return plan.packages().stream()
                .map(planned -> List.of(planned.name(), planned.version(), fileName(planned.filename())))
                .toList();
    }

    /** The last path segment, percent-decoded ({@code %2B} is {@code +}): the wheel's file name. */
    private static String fileName(String urlOrName) {
        String path = urlOrName.contains("://") ? URI.create(urlOrName).getPath() : urlOrName;
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
