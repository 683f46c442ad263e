package org.torchplan.catalog.storage;

import org.torchplan.catalog.model.PytorchIndex;
import org.torchplan.catalog.CatalogProperties;
import org.torchplan.catalog.index.HtmlIndexParser;
import org.torchplan.catalog.index.ParsedPage;
import org.torchplan.catalog.index.WheelLinks;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.PackageEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.backend.InvalidBackendException;

/**
 * Builds the embedded snapshot from a recorded copy of the index's stable channel, laid out as the index lays
 * it out ({@code whl/index.html}, {@code whl/<backend>/<package>/index.html}). A build-time tool, run by
 * {@code scripts/build-snapshot}; the service itself only reads the result.
 *
 * <p>Usage: {@code SnapshotBuilder <mirror-whl-dir> <output.tsv.gz> <recorded-at-instant> [upstream-root]}
 */
public final class SnapshotBuilder {

    public static final String DEFAULT_UPSTREAM = PytorchIndex.ROOT_URL;

    private SnapshotBuilder() {}

    public static void main(String[] arguments) throws IOException {
        if (arguments.length < 3) {
            System.err.println("usage: SnapshotBuilder <mirror-whl-dir> <output.tsv.gz> <recorded-at, e.g. "
                    + "2026-05-19T06:15:55Z> [upstream-root]");
            System.exit(2);
        }
        Path mirror = Path.of(arguments[0]);
        Path output = Path.of(arguments[1]);
        Instant recordedAt = Instant.parse(arguments[2]);
        String upstream = arguments.length > 3 ? arguments[3] : DEFAULT_UPSTREAM;
        CatalogData data = build(mirror, recordedAt, upstream,
                CatalogProperties.defaults(Path.of(".")).packageSet());
        Files.createDirectories(output.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(output)) {
            CatalogFileFormat.write(data, out);
        }
        int files = data.entries().stream().mapToInt(entry -> entry.files().size()).sum();
        System.out.printf("%s: %d backends, %d entries, %d files, %d bytes%n", output,
                data.backends().get(Channel.STABLE).size(), data.entries().size(), files, Files.size(output));
    }

    /** Reads every (backend, package) page of the recorded stable channel for the given package set. */
    public static CatalogData build(Path mirror, Instant recordedAt, String upstream, java.util.Set<String> packages)
            throws IOException {
        String listing = Files.readString(mirror.resolve("index.html"), StandardCharsets.UTF_8);
        SortedSet<ComputeBackend> backends = new TreeSet<>();
        Map<ComputeBackend, String> folders = new java.util.HashMap<>();
        for (String folder : HtmlIndexParser.folders(listing)) {
            try {
                ComputeBackend backend = ComputeBackend.parse(folder);
                backends.add(backend);
                folders.put(backend, folder);
            } catch (InvalidBackendException packageFolder) {
                // torch/, nightly/ and the other package folders
            }
        }
        List<PackageEntry> entries = new ArrayList<>();
        for (ComputeBackend backend : backends) {
            for (String packageName : new TreeSet<>(packages)) {
                Path page = mirror.resolve(folders.get(backend)).resolve(packageName).resolve("index.html");
                if (!Files.isRegularFile(page)) {
                    continue;
                }
                String pageUrl = upstream + "/" + folders.get(backend) + "/" + packageName + "/";
                ParsedPage parsed = HtmlIndexParser.parse(pageUrl, Files.readString(page, StandardCharsets.UTF_8));
                WheelLinks.Result wheels = WheelLinks.of(packageName, parsed);
                entries.add(PackageEntry.of(Channel.STABLE, backend, packageName, wheels.files(), recordedAt,
                        CatalogSource.SNAPSHOT));
            }
        }
        Map<Channel, SortedSet<ComputeBackend>> channelBackends = new EnumMap<>(Channel.class);
        channelBackends.put(Channel.STABLE, backends);
        return new CatalogData(recordedAt, upstream, channelBackends, entries);
    }
}
