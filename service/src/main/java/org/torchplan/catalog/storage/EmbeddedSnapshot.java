package org.torchplan.catalog.storage;

import org.torchplan.catalog.model.CatalogSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import org.torchplan.catalog.index.FileAttribution;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.CompanionPairing;
import java.io.UncheckedIOException;

/**
 * The stable channel as recorded when the service was built ({@code catalog/snapshot-stable.tsv.gz} on the
 * classpath), so the service has a catalog the moment it starts, even with no network at all.
 * Rebuild it with {@code scripts/build-snapshot <mirror>/whl}.
 */
public final class EmbeddedSnapshot {

    public static final String RESOURCE = "/catalog/snapshot-stable.tsv.gz";

    private EmbeddedSnapshot() {}

    /**
     * @throws IllegalStateException when the resource is missing or damaged: that is a broken build, not a
     *     runtime condition
     */
    public static CatalogData load() {
        try (InputStream input = EmbeddedSnapshot.class.getResourceAsStream(RESOURCE)) {
            if (input == null) {
                throw new IllegalStateException("embedded snapshot " + RESOURCE + " is missing from the build");
            }
            return CatalogFileFormat.read(input, CatalogSource.SNAPSHOT);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("embedded snapshot " + RESOURCE + " is unreadable", unreadable);
        } catch (CorruptCatalogFileException corrupt) {
            throw new IllegalStateException("embedded snapshot " + RESOURCE + " is damaged: " + corrupt.getMessage(),
                    corrupt);
        }
    }

    /**
     * The embedded stable channel as the planner reads it, with the package set it records and the release table
     * for pairing (for tests and benchmarks of the planner).
     */
    public static CatalogSnapshot stable() {
        CatalogData data = load();
        Set<String> packages = new TreeSet<>();
        data.entries().forEach(entry -> packages.add(entry.packageName()));
        return CatalogSnapshot.of(Channel.STABLE, data.upstream(), packages,
                data.backends().getOrDefault(Channel.STABLE, new TreeSet<>()),
                data.entries().stream().map(FileAttribution::ownFiles).toList(), new CompanionPairing(),
                new CatalogStatus(CatalogSource.SNAPSHOT, data.recordedAt(), false));
    }
}
