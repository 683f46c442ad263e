package org.torchplan.catalog.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.CompanionPairing;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.catalog.model.PackageEntry;

/** A channel snapshot built from simple-index pages: pages a test serves, or recorded ones a benchmark reads. */
public final class PageSnapshots {

    private PageSnapshots() {}

    /**
     * @param pages (backend, package) to the page's HTML, read as if served at its per-backend URL
     * @param pairing the companion pairing the snapshot carries
     */
    public static CatalogSnapshot fromPages(
            String indexRoot, Channel channel, Map<EntryKey, String> pages, Instant fetchedAt, CompanionPairing pairing) {
        Set<String> packages = new TreeSet<>();
        List<PackageEntry> entries = new ArrayList<>();
        pages.forEach((key, html) -> {
            WheelLinks.Result wheels = WheelLinks.of(key.packageName(), HtmlIndexParser.parse(key.pageUrl(indexRoot), html));
            packages.add(key.packageName());
            entries.add(PackageEntry.of(channel, key.backend(), key.packageName(), wheels.files(), fetchedAt,
                    CatalogSource.LIVE));
        });
        return CatalogSnapshot.of(channel, indexRoot, packages, List.of(), entries, pairing,
                new CatalogStatus(CatalogSource.LIVE, fetchedAt, false));
    }

    /** The same with the release table's pairing only. */
    public static CatalogSnapshot fromPages(String indexRoot, Channel channel, Map<EntryKey, String> pages, Instant fetchedAt) {
        return fromPages(indexRoot, channel, pages, fetchedAt, new CompanionPairing());
    }
}
