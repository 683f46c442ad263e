package org.torchplan.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.live.CatalogService;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.CompanionPairing;
import org.torchplan.catalog.model.CompanionReleaseTable;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.model.PackageEntry;
import org.torchplan.packaging.Version;

/**
 * What {@code GET /catalog/overview} shows: per channel held, per backend, the newest torch with its Python tags
 * and the companion releases paired with it, and every torch release the backend carries. The web page's catalog
 * view reads it; {@code GET /catalog} has only counts, and the per-entry endpoint lists every file of one backend.
 * Built from the entries held only: it never makes the catalog read a channel from upstream.
 */
@Schema(name = "CatalogOverview", description = "Per channel and backend, the newest torch and what goes with it")
public record CatalogOverview(List<ChannelOverview> channels) {

    /** One channel's backends, in the catalog's backend order. */
    @Schema(name = "ChannelOverview")
    public record ChannelOverview(
            @Schema(example = "stable") String channel,
            List<BackendOverview> backends) {}

    /** One backend of a channel. */
    @Schema(name = "BackendOverview")
    public record BackendOverview(
            @Schema(example = "cu126") String backend,
            @Schema(allowableValues = {"cpu", "cuda", "rocm", "xpu"}) String kind,
            @Schema(description = "the newest torch release with a wheel that is not yanked; null when none",
                    example = "2.12.0") String newestTorch,
            @Schema(description = "the Python tags of that release's wheels", example = "[\"cp310\", \"cp312\"]")
            List<String> pythons,
            @Schema(description = "per companion package, its newest release paired with that torch (wheel metadata,"
                    + " build date or the release table); absent when nothing pairs one")
            Map<String, String> companions,
            @Schema(description = "every torch release on the backend, public versions, newest first")
            List<String> torchVersions,
            @Schema(description = "the wheels of every package the backend holds") int files) {}

    public static CatalogOverview of(CatalogService catalog) {
        Map<Channel, Map<ComputeBackend, List<PackageEntry>>> grouped = new TreeMap<>();
        for (PackageEntry entry : catalog.allEntries()) {
            grouped.computeIfAbsent(entry.channel(), unused -> new TreeMap<>())
                    .computeIfAbsent(entry.backend(), unused -> new ArrayList<>()).add(entry);
        }
        CompanionPairing pairing = catalog.pairing();
        List<ChannelOverview> channels = new ArrayList<>();
        grouped.forEach((channel, backends) -> {
            List<BackendOverview> overviews = new ArrayList<>();
            backends.forEach((backend, entries) -> overviews.add(backend(backend, entries, pairing)));
            channels.add(new ChannelOverview(channel.id(), overviews));
        });
        return new CatalogOverview(channels);
    }

    private static BackendOverview backend(ComputeBackend backend, List<PackageEntry> entries,
            CompanionPairing pairing) {
        Map<String, PackageEntry> byName = new TreeMap<>();
        int files = 0;
        for (PackageEntry entry : entries) {
            byName.put(entry.packageName(), entry);
            files += entry.files().size();
        }
        List<IndexedFile> torchFiles = byName.containsKey("torch") ? byName.get("torch").files() : List.of();
        TreeSet<Version> torchVersions = new TreeSet<>(Comparator.reverseOrder());
        for (IndexedFile file : torchFiles) {
            if (!file.isYanked()) {
                torchVersions.add(file.version().publicVersion());
            }
        }
        Version newest = torchVersions.isEmpty() ? null : torchVersions.first();
        TreeSet<String> pythons = new TreeSet<>(Comparator.comparing(CatalogOverview::pythonOrder));
        Map<String, String> companions = new LinkedHashMap<>();
        if (newest != null) {
            for (IndexedFile file : torchFiles) {
                if (!file.isYanked() && file.version().publicVersion().equals(newest)) {
                    pythons.addAll(file.filename().pythonTags());
                }
            }
            for (String companion : CompanionReleaseTable.COMPANIONS) {
                PackageEntry entry = byName.get(companion);
                if (entry == null) {
                    continue;
                }
                // files are newest first: the first paired one is the newest paired release
                for (IndexedFile file : entry.files()) {
                    if (!file.isYanked() && pairing.match(companion, file.version(), newest)
                            == CompanionPairing.Match.PAIRED) {
                        companions.put(companion, file.version().toString());
                        break;
                    }
                }
            }
        }
        return new BackendOverview(backend.toString(), backend.kind().name().toLowerCase(Locale.ROOT),
                newest == null ? null : newest.toString(), List.copyOf(pythons), companions,
                torchVersions.stream().map(Version::toString).toList(), files);
    }

    /** cp39 before cp310: by the number after the interpreter letters, then the text (cp313 before cp313t). */
    private static String pythonOrder(String tag) {
        String digits = tag.replaceAll("\\D", "");
        return "0".repeat(Math.max(0, 12 - digits.length())) + digits + tag;
    }
}
