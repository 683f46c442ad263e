package org.torchplan.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import org.torchplan.catalog.live.CatalogService;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.PackageEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code GET /catalog} shows.
 *
 * @param source snapshot, persisted or live: the weakest source among the entries; live only when every entry is
 * @param fetchedAt the oldest fetch time among the entries (the recording date, for the snapshot)
 * @param snapshotRecordedAt when the embedded snapshot was recorded
 * @param upstream the index root
 * @param files number of wheels per channel and backend
 * @param staleEntries entries whose last refresh failed or was refused, with the reason
 * @param stale whether any entry is stale or the data is older than {@code torchplan.catalog.max-age.stable}
 * @param warnings what an operator should know (data older than the maximum age)
 * @param unattributedFiles files the index's pages listed that belong to no backend (a folder such as
 *     {@code cpu-cxx11-abi}, or a label such as {@code +cpu.cxx11.abi}), per channel and folder; never planned
 */
public record CatalogSummary(
        @Schema(description = "snapshot, persisted or live", allowableValues = {"snapshot", "persisted", "live"})
        String source,
        Instant fetchedAt,
        Instant snapshotRecordedAt,
        String upstream,
        List<String> packages,
        Map<String, Map<String, Integer>> files,
        List<StaleEntry> staleEntries,
        boolean stale,
        List<String> warnings,
        Map<String, Map<String, Integer>> unattributedFiles) {

    /** An entry served from an older copy, and why. */
    public record StaleEntry(String channel, String backend, String packageName, String reason) {}

    public static CatalogSummary of(CatalogService catalog) {
        CatalogStatus status = catalog.statusNow();
        Map<String, Map<String, Integer>> files = new TreeMap<>();
        List<StaleEntry> stale = new ArrayList<>();
        List<PackageEntry> entries = new ArrayList<>(catalog.allEntries());
        entries.sort(Comparator.comparing((PackageEntry entry) -> entry.channel())
                .thenComparing(PackageEntry::backend)
                .thenComparing(PackageEntry::packageName));
        for (PackageEntry entry : entries) {
            files.computeIfAbsent(entry.channel().id(), unused -> new TreeMap<>())
                    .merge(entry.backend().toString(), entry.files().size(), Integer::sum);
            if (entry.isStale()) {
                stale.add(new StaleEntry(entry.channel().id(), entry.backend().toString(), entry.packageName(),
                        entry.staleReason()));
            }
        }
        Map<String, Map<String, Integer>> unattributed = new TreeMap<>();
        catalog.unattributedFiles().forEach((channel, counts) -> unattributed.put(channel.id(), counts));
        return new CatalogSummary(status.source().id(), status.fetchedAt(), catalog.snapshotRecordedAt(),
                catalog.indexRoot(), catalog.packages().stream().sorted().toList(), files, stale, status.stale(),
                catalog.ageWarning().stream().toList(), unattributed);
    }
}
