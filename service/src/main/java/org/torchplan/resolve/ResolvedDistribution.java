package org.torchplan.resolve;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.packaging.Version;

/**
 * One distribution of a resolved environment.
 *
 * @param name the PEP 503 normalized name
 * @param version the chosen version
 * @param extras the extras some requirement asked of it, normalized and sorted
 * @param wheel the file pip would download: of the version's files, the one whose best tag ranks highest for the
 *     target (then the highest build tag); empty when the installed distribution is kept
 * @param installableFiles every file of that version that installs on the target, best first (the {@code --hash}
 *     lines of a locked requirements file name them all, so pip may pick any)
 * @param reasons why it is in the environment: {@code root (torch==2.12.0)}, or
 *     {@code torchvision 0.27.0 requires torch==2.12.0}
 * @param keptInstalled whether the installed distribution satisfies everything and is kept
 */
public record ResolvedDistribution(
        String name,
        Version version,
        List<String> extras,
        Optional<IndexedFile> wheel,
        List<IndexedFile> installableFiles,
        List<String> reasons,
        boolean keptInstalled) {

    public ResolvedDistribution {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        extras = List.copyOf(extras);
        Objects.requireNonNull(wheel, "wheel");
        installableFiles = List.copyOf(installableFiles);
        reasons = List.copyOf(reasons);
    }
}
