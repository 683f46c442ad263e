package org.torchplan.catalog.index;

import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchplan.backend.ComputeBackend;

/**
 * The upstream index (PyTorch's or a mirror of it) in the catalog's terms: a channel's backends, one entry's
 * files, or one package's files across every backend from the all-backends page. Files on an origin that is not
 * allowed ({@link AllowedOrigins}) are left out and counted with the unattributed files ({@code origin <origin>}).
 */
public class UpstreamIndex {

    private static final Logger log = LoggerFactory.getLogger(UpstreamIndex.class);


    /** The files read for one entry or one package. */
    public sealed interface Result<T> {
        /**
         * @param unattributed files the page listed that belong to no backend of the channel, per folder or label
         *     (see {@link FileAttribution}); kept out of {@code files}
         * @param unparseableNames links to wheels whose names do not parse: the page is suspect
         */
        record Read<T>(T files, int skipped, Validators validators, Map<String, Integer> unattributed,
                WheelLinks.UnparseableNames unparseableNames) implements Result<T> {

            public Read {
                unattributed = Map.copyOf(unattributed);
                Objects.requireNonNull(unparseableNames, "unparseableNames");
            }

            public Read(T files, int skipped, Validators validators, Map<String, Integer> unattributed) {
                this(files, skipped, validators, unattributed, WheelLinks.UnparseableNames.NONE);
            }
        }

        record NotModified<T>() implements Result<T> {}

        record Missing<T>() implements Result<T> {}

        record Failed<T>(String reason) implements Result<T> {}
    }

    private final String indexRoot;
    private final PageReader pages;
    private final IndexMetrics metrics;
    private final AllowedOrigins allowed;

    public UpstreamIndex(String indexRoot, PageReader pages, IndexMetrics metrics, AllowedOrigins allowed) {
        this.indexRoot = indexRoot;
        this.pages = pages;
        this.metrics = metrics;
        this.allowed = allowed;
    }

    public String indexRoot() {
        return indexRoot;
    }

    /**
     * The backends a channel's root listing links to: every folder whose name parses as a backend.
     *
     * @throws UpstreamUnavailableException when the listing cannot be read
     */
    public SortedSet<ComputeBackend> backends(Channel channel) {
        SortedSet<ComputeBackend> backends = new TreeSet<>();
        for (String name : pages.listing(indexRoot + "/" + channel.pathPrefix())) {
            ComputeBackend backend = FileAttribution.exactBackend(name);
            if (backend != null) {
                backends.add(backend); // package folders (torch/, nightly/) share the listing with backends
            }
        }
        return backends;
    }

    /**
     * One entry from its per-backend page: the files stored in the backend's folder or at the root; a file the
     * page lists from anywhere else is reported as not attributed, never given to the backend.
     */
    public Result<List<IndexedFile>> entry(EntryKey key, Validators previous) {
        String url = key.pageUrl(indexRoot);
        PageReader.Outcome outcome = pages.read(url, previous);
        if (outcome instanceof PageReader.Outcome.Read read) {
            WheelLinks.Result wheels = WheelLinks.of(key.packageName(), read.page());
            metrics.skipped(wheels.skipped());
            metrics.unparseableRequiresPython(wheels.unparseableRequiresPython());
            metrics.unparseableWheelNames(wheels.unparseableNames().count());
            List<IndexedFile> own = new ArrayList<>(wheels.files().size());
            Map<String, Integer> unattributed = new TreeMap<>();
            for (IndexedFile file : fromAllowedOrigins(url, wheels.files(), unattributed)) {
                FileAttribution attribution = FileAttribution.of(file, key.channel());
                if (attribution instanceof FileAttribution.EveryBackend
                        || attribution instanceof FileAttribution.Backend owner
                                && owner.backend().equals(key.backend())) {
                    own.add(file);
                } else {
                    unattributed.merge(groupOf(attribution), 1, Integer::sum);
                }
            }
            return new Result.Read<>(own, wheels.skipped(), read.validators(), unattributed, wheels.unparseableNames());
        }
        return notRead(outcome);
    }

    /**
     * One package across every backend, from {@code <root>/<channel>/<package>/}, each file given to the backend
     * {@link FileAttribution} names; files stored at the root go to every backend that has files of its own.
     */
    public Result<Map<ComputeBackend, List<IndexedFile>>> allBackends(Channel channel, String packageName, Validators previous) {
        String url = indexRoot + "/" + channel.pathPrefix() + packageName + "/";
        PageReader.Outcome outcome = pages.read(url, previous);
        if (outcome instanceof PageReader.Outcome.Read read) {
            WheelLinks.Result wheels = WheelLinks.of(packageName, read.page());
            metrics.skipped(wheels.skipped());
            metrics.unparseableRequiresPython(wheels.unparseableRequiresPython());
            metrics.unparseableWheelNames(wheels.unparseableNames().count());
            Map<String, Integer> unattributed = new TreeMap<>();
            Map<ComputeBackend, List<IndexedFile>> byBackend =
                    splitByBackend(fromAllowedOrigins(url, wheels.files(), unattributed), channel, unattributed);
            return new Result.Read<>(byBackend, wheels.skipped(), read.validators(), unattributed,
                    wheels.unparseableNames());
        }
        return notRead(outcome);
    }

    /**
     * The files of an all-backends page per backend; the files no backend owns are counted in
     * {@code unattributed} by folder (or label) and left out.
     */
    public static Map<ComputeBackend, List<IndexedFile>> splitByBackend(
            List<IndexedFile> files, Channel channel, Map<String, Integer> unattributed) {
        Map<ComputeBackend, List<IndexedFile>> byBackend = new HashMap<>();
        List<IndexedFile> everywhere = new ArrayList<>();
        for (IndexedFile file : files) {
            FileAttribution attribution = FileAttribution.of(file, channel);
            if (attribution instanceof FileAttribution.Backend owner) {
                byBackend.computeIfAbsent(owner.backend(), unused -> new ArrayList<>()).add(file);
            } else if (attribution instanceof FileAttribution.EveryBackend) {
                everywhere.add(file);
            } else {
                unattributed.merge(groupOf(attribution), 1, Integer::sum);
            }
        }
        for (List<IndexedFile> own : byBackend.values()) {
            own.addAll(everywhere);
        }
        return byBackend;
    }

    /** The files on allowed origins; the others are counted per origin in {@code unattributed} and logged. */
    private List<IndexedFile> fromAllowedOrigins(String pageUrl, List<IndexedFile> files,
            Map<String, Integer> unattributed) {
        List<IndexedFile> kept = new ArrayList<>(files.size());
        Map<String, Integer> foreign = new TreeMap<>();
        for (IndexedFile file : files) {
            if (allowed.allows(file.url())) {
                kept.add(file);
            } else {
                foreign.merge("origin " + AllowedOrigins.originOf(file.url()), 1, Integer::sum);
            }
        }
        if (!foreign.isEmpty()) {
            foreign.forEach((group, count) -> unattributed.merge(group, count, Integer::sum));
            log.warn("Page {} links to wheels outside the allowed origins, left out: {} (allowed: {}; "
                    + "torchplan.index.allowed-origins)", pageUrl, foreign, allowed);
        }
        return kept;
    }

    private static String groupOf(FileAttribution attribution) {
        return attribution instanceof FileAttribution.Unattributed kept ? kept.group() : "another backend";
    }

    private static <T> Result<T> notRead(PageReader.Outcome outcome) {
        if (outcome instanceof PageReader.Outcome.NotModified) {
            return new Result.NotModified<>();
        }
        if (outcome instanceof PageReader.Outcome.Missing) {
            return new Result.Missing<>();
        }
        return new Result.Failed<>(((PageReader.Outcome.Failed) outcome).reason());
    }
}
