package org.torchplan.resolve;

import java.util.List;
import java.util.Optional;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.packaging.DistributionMetadata;

/**
 * Where the resolver reads projects from: the files an index lists for a project and the core metadata of each.
 * Implementations do the I/O (or read a snapshot); the resolver itself stays pure.
 */
public interface ProjectSource {

    /**
     * Every file the index lists for the project (wheels and other files alike, yanked ones included), or empty
     * when the index has no such project.
     *
     * @param normalizedName the PEP 503 normalized project name
     */
    Optional<List<IndexedFile>> files(String normalizedName);

    /** The core metadata of one file that {@link #files} listed for the project. */
    DistributionMetadata metadata(String normalizedName, IndexedFile file);
}
