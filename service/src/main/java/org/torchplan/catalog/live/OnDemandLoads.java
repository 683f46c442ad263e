package org.torchplan.catalog.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.index.UpstreamUnavailableException;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.PackageEntry;

/**
 * Loads what a plan of a channel held only in part (nightly, test) needs, before the plan and within a budget:
 * the channel's backend listing (one discovery at a time; a failure is remembered for a while instead of tried on
 * every request), then the entries of the asked packages on every backend, in parallel. Work the budget cuts short
 * goes on in the background and serves later requests.
 */
final class OnDemandLoads {

    private final CatalogService catalog;
    private final ExecutorService executor;
    private final Duration rememberFailure;
    private final Clock clock;
    private final Map<Channel, CompletableFuture<SortedSet<ComputeBackend>>> discoveries = new ConcurrentHashMap<>();
    private final Map<Channel, Failure> failures = new ConcurrentHashMap<>();

    OnDemandLoads(CatalogService catalog, ExecutorService executor, Duration rememberFailure, Clock clock) {
        this.catalog = catalog;
        this.executor = executor;
        this.rememberFailure = rememberFailure;
        this.clock = clock;
    }

    /** @throws UpstreamUnavailableException when the channel cannot be read within the budget */
    void load(Channel channel, Set<String> packages, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        SortedSet<ComputeBackend> backends = catalog.knownBackends(channel);
        if (backends == null) {
            backends = await(discover(channel), deadline, channel, budget);
        }
        List<CompletableFuture<PackageEntry>> pending = new ArrayList<>();
        for (ComputeBackend backend : backends) {
            for (String name : packages) {
                if (!catalog.holds(channel, backend, name)) {
                    pending.add(CompletableFuture.supplyAsync(() -> catalog.entry(channel, backend, name), executor));
                }
            }
        }
        await(CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)), deadline, channel, budget);
        failIfNothingCouldBeRead(channel, pending);
    }

    /**
     * The channel's backends, read from its listing by one discovery however many callers ask together; waits for
     * it without a budget (not on a request's path).
     *
     * @throws UpstreamUnavailableException when the listing cannot be read
     */
    SortedSet<ComputeBackend> discoverWaiting(Channel channel) {
        try {
            return discover(channel).join();
        } catch (CompletionException failed) {
            throw unavailable(channel, reason(failed));
        }
    }

    /**
     * The discovery under way, or a new one. Callers look at the known backends before they come here, so a
     * discovery that ended in between has already kept its listing (or its failure): a new one answers with that
     * instead of reading the listing a second time. A discovery leaves the map before it completes, after its listing
     * or failure is kept, so whoever finds no discovery under way finds what it left.
     */
    private CompletableFuture<SortedSet<ComputeBackend>> discover(Channel channel) {
        throwIfFailedRecently(channel);
        CompletableFuture<SortedSet<ComputeBackend>> discovery = new CompletableFuture<>();
        CompletableFuture<SortedSet<ComputeBackend>> running = discoveries.putIfAbsent(channel, discovery);
        if (running != null) {
            return running;
        }
        try {
            SortedSet<ComputeBackend> known = catalog.knownBackends(channel);
            if (known != null) {
                discoveries.remove(channel, discovery);
                discovery.complete(known);
                return discovery;
            }
            throwIfFailedRecently(channel);
            CompletableFuture.supplyAsync(() -> catalog.discover(channel), executor)
                    .whenComplete((backends, failure) -> {
                        if (failure == null) {
                            failures.remove(channel);
                        } else {
                            failures.put(channel, new Failure(clock.instant(), reason(failure)));
                        }
                        discoveries.remove(channel, discovery);
                        if (failure == null) {
                            discovery.complete(backends);
                        } else {
                            discovery.completeExceptionally(failure);
                        }
                    });
            return discovery;
        } catch (RuntimeException notStarted) {
            // a failure remembered meanwhile, or an executor that takes no more work: whoever joined hears it too
            discoveries.remove(channel, discovery);
            discovery.completeExceptionally(notStarted);
            throw notStarted;
        }
    }

    private void throwIfFailedRecently(Channel channel) {
        Failure failed = failures.get(channel);
        if (failed != null && failed.at().plus(rememberFailure).isAfter(clock.instant())) {
            throw unavailable(channel, failed.reason() + " (at " + failed.at() + "; tried again from "
                    + failed.at().plus(rememberFailure) + ")");
        }
    }

    /** Entries of every backend came back empty because their pages failed: the channel could not be read. */
    private void failIfNothingCouldBeRead(Channel channel, List<CompletableFuture<PackageEntry>> loads) {
        String reason = null;
        for (CompletableFuture<PackageEntry> load : loads) {
            PackageEntry entry = load.join();
            if (!entry.isEmpty() || !entry.isStale()) {
                return;
            }
            reason = entry.staleReason();
        }
        if (reason != null) {
            throw unavailable(channel, reason);
        }
    }

    private <T> T await(CompletableFuture<T> work, long deadline, Channel channel, Duration budget) {
        try {
            return work.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            throw unavailable(channel, "no answer within " + budget.toMillis() + " ms"
                    + " (torchplan.catalog.upstream.request-budget); the read goes on in the background");
        } catch (ExecutionException | CompletionException failed) {
            throw unavailable(channel, reason(failed));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw unavailable(channel, "interrupted");
        }
    }

    private UpstreamUnavailableException unavailable(Channel channel, String reason) {
        return new UpstreamUnavailableException("the " + channel.id() + " channel could not be read from "
                + catalog.indexRoot() + "/" + channel.pathPrefix() + ": " + reason);
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private record Failure(Instant at, String reason) {}
}
