package org.torchplan.catalog;

import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.CompanionPairing;
import org.torchplan.catalog.model.PackageEntry;
import java.util.Set;
import java.util.SortedSet;
import org.torchplan.backend.ComputeBackend;

/** What the planner reads from the catalog: in memory, never waiting on upstream when a copy exists. */
public interface CatalogView {

    /** The PyTorch package set, normalized names. */
    Set<String> packages();

    /** The backends the channel offers. */
    SortedSet<ComputeBackend> backends(Channel channel);

    /** The files of one (channel, backend, package); an empty entry when the index has none. */
    PackageEntry entry(Channel channel, ComputeBackend backend, String packageName);

    /** Which companion (torchvision, torchaudio, ...) versions go with which torch. */
    CompanionPairing pairing();

    CatalogStatus status();

    /** The index root the URLs come from, e.g. {@code https://download.pytorch.org/whl}. */
    String indexRoot();
}
