package org.torchplan.plan;

import java.util.List;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.packaging.Version;

/**
 * A full set of qualifying wheels on one backend: torch and every asked companion at its paired version; with the
 * whole environment resolved around it when the request has more than PyTorch packages (else null).
 */
record PackageSet(ComputeBackend backend, Version torchVersion, List<Pick> picks, EnvironmentCheck.Checked environment) {

    PackageSet {
        picks = List.copyOf(picks);
    }

    /** A set planned for the PyTorch packages alone (no environment resolved). */
    PackageSet(ComputeBackend backend, Version torchVersion, List<Pick> picks) {
        this(backend, torchVersion, picks, null);
    }

    PackageSet withEnvironment(EnvironmentCheck.Checked checked) {
        return new PackageSet(backend, torchVersion, picks, checked);
    }

    /**
     * The chosen wheel of one package.
     *
     * @param file the wheel pip ranks best for the target among the files of that version
     * @param acceptableSha256 the digests of every file of that version that installs on the target
     */
    record Pick(String name, IndexedFile file, List<String> acceptableSha256) {

        Pick {
            acceptableSha256 = List.copyOf(acceptableSha256);
        }
    }
}
