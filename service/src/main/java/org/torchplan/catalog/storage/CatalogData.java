package org.torchplan.catalog.storage;

import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.PackageEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import org.torchplan.backend.ComputeBackend;

/**
 * A whole catalog as stored on disk or embedded: what the snapshot file and the persisted file hold.
 *
 * @param recordedAt when the data was recorded (snapshot) or last written (persisted)
 * @param upstream the index root the data came from
 * @param backends the backends of each channel, as its root listing named them
 * @param entries every (channel, backend, package) entry
 * @param completeChannels the channels held in full: an entry missing there is empty, not unknown. Channels
 *     loaded on demand (a nightly entry a plan asked for) are not complete.
 */
public record CatalogData(
        Instant recordedAt,
        String upstream,
        Map<Channel, SortedSet<ComputeBackend>> backends,
        List<PackageEntry> entries,
        Set<Channel> completeChannels) {

    public CatalogData {
        backends = Map.copyOf(backends);
        entries = List.copyOf(entries);
        completeChannels = Set.copyOf(completeChannels);
    }

    /** A catalog that holds every channel it lists backends for in full (the embedded snapshot). */
    public CatalogData(Instant recordedAt, String upstream, Map<Channel, SortedSet<ComputeBackend>> backends,
            List<PackageEntry> entries) {
        this(recordedAt, upstream, backends, entries, backends.keySet());
    }
}
