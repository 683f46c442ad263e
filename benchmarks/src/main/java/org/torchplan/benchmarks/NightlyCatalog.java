package org.torchplan.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.index.PageSnapshots;
import org.torchplan.catalog.model.CatalogSnapshot;

/**
 * A nightly catalog from index pages recorded on 2026-05-19 ({@code nightly/<backend>-<package>.html.gz} in this
 * module's resources, copied from the service's test resources): torch, torchvision and torchaudio on {@code cpu}
 * and {@code cu128}, every nightly date the recording holds. The embedded snapshot has only the stable channel.
 */
final class NightlyCatalog {

    private static final String INDEX_ROOT = "https://download.pytorch.org/whl";
    private static final List<String> BACKENDS = List.of("cpu", "cu128");
    private static final List<String> PACKAGES = List.of("torch", "torchvision", "torchaudio");

    private NightlyCatalog() {
    }

    static CatalogSnapshot load() {
        Map<EntryKey, String> pages = new HashMap<>();
        for (String backend : BACKENDS) {
            for (String packageName : PACKAGES) {
                pages.put(new EntryKey(Channel.NIGHTLY, ComputeBackend.parse(backend), packageName),
                        read("nightly/" + backend + "-" + packageName + ".html.gz"));
            }
        }
        return PageSnapshots.fromPages(INDEX_ROOT, Channel.NIGHTLY, pages, Instant.parse("2026-05-19T06:15:55Z"));
    }

    private static String read(String resource) {
        try (InputStream raw = NightlyCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (raw == null) {
                throw new IllegalStateException("missing benchmark resource " + resource);
            }
            try (InputStream page = new GZIPInputStream(raw)) {
                return new String(page.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read benchmark resource " + resource, e);
        }
    }
}
