package org.torchplan.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import okhttp3.HttpUrl;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.backend.InvalidBackendException;

/**
 * The upstream index (PyTorch's or a mirror of it) in the catalog's terms: a channel's backends, one entry's
 * files, or one package's files across every backend from the all-backends page.
 */
class UpstreamIndex {

    /** The files read for one entry or one package. */
    sealed interface Result<T> {
        record Read<T>(T files, int skipped, Validators validators) implements Result<T> {}

        record NotModified<T>() implements Result<T> {}

        record Missing<T>() implements Result<T> {}

        record Failed<T>(String reason) implements Result<T> {}
    }

    private final String indexRoot;
    private final PageReader pages;
    private final CatalogMetrics metrics;

    UpstreamIndex(String indexRoot, PageReader pages, CatalogMetrics metrics) {
        this.indexRoot = indexRoot;
        this.pages = pages;
        this.metrics = metrics;
    }

    String indexRoot() {
        return indexRoot;
    }

    /**
     * The backends a channel's root listing links to: every folder whose name parses as a backend.
     *
     * @throws UpstreamUnavailableException when the listing cannot be read
     */
    SortedSet<ComputeBackend> backends(Channel channel) {
        SortedSet<ComputeBackend> backends = new TreeSet<>();
        for (String name : pages.listing(indexRoot + "/" + channel.pathPrefix())) {
            ComputeBackend backend = parseOrNull(name);
            if (backend != null) {
                backends.add(backend); // package folders (torch/, nightly/) share the listing with backends
            }
        }
        return backends;
    }

    /** One entry from its per-backend page. */
    Result<List<IndexedFile>> entry(EntryKey key, Validators previous) {
        String url = key.pageUrl(indexRoot);
        PageReader.Outcome outcome = pages.read(url, previous);
        if (outcome instanceof PageReader.Outcome.Read read) {
            WheelLinks.Result wheels = WheelLinks.of(key.packageName(), read.page());
            metrics.skipped(wheels.skipped());
            return new Result.Read<>(wheels.files(), wheels.skipped(), read.validators());
        }
        return notRead(outcome);
    }

    /**
     * One package across every backend, from {@code <root>/<channel>/<package>/}. A file stored under
     * {@code /<backend>/} belongs to that backend; a file with a backend as local label ({@code +cu126}) on a
     * mirror that flattens paths belongs to that one; files stored at the root of the index are listed by the
     * index on every backend's page, so they go to every backend that has files of its own.
     */
    Result<Map<ComputeBackend, List<IndexedFile>>> allBackends(Channel channel, String packageName, Validators previous) {
        String url = indexRoot + "/" + channel.pathPrefix() + packageName + "/";
        PageReader.Outcome outcome = pages.read(url, previous);
        if (outcome instanceof PageReader.Outcome.Read read) {
            WheelLinks.Result wheels = WheelLinks.of(packageName, read.page());
            metrics.skipped(wheels.skipped());
            return new Result.Read<>(splitByBackend(wheels.files()), wheels.skipped(), read.validators());
        }
        return notRead(outcome);
    }

    static Map<ComputeBackend, List<IndexedFile>> splitByBackend(List<IndexedFile> files) {
        Map<ComputeBackend, List<IndexedFile>> byBackend = new HashMap<>();
        List<IndexedFile> everywhere = new ArrayList<>();
        for (IndexedFile file : files) {
            ComputeBackend backend = backendOf(file);
            if (backend == null) {
                everywhere.add(file);
            } else {
                byBackend.computeIfAbsent(backend, unused -> new ArrayList<>()).add(file);
            }
        }
        for (List<IndexedFile> own : byBackend.values()) {
            own.addAll(everywhere);
        }
        return byBackend;
    }

    private static ComputeBackend backendOf(IndexedFile file) {
        HttpUrl url = HttpUrl.parse(file.url());
        if (url != null && url.pathSize() >= 2) {
            ComputeBackend folder = parseOrNull(url.pathSegments().get(url.pathSize() - 2));
            if (folder != null) {
                return folder;
            }
            String parent = url.pathSegments().get(url.pathSize() - 2);
            if (parent.equals("whl") || parent.equals("nightly") || parent.equals("test")) {
                return null; // stored at the root of the index (or of a channel)
            }
        }
        String local = file.version().local();
        return local == null ? null : parseOrNull(local);
    }

    private static ComputeBackend parseOrNull(String name) {
        try {
            return ComputeBackend.parse(name);
        } catch (InvalidBackendException notABackend) {
            return null;
        }
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
