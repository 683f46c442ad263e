package org.torchplan.plan;

import java.util.List;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.packaging.Version;

/** A full set of qualifying wheels on one backend: torch and every asked companion at its paired version. */
record PackageSet(ComputeBackend backend, Version torchVersion, List<Pick> picks) {

    PackageSet {
        picks = List.copyOf(picks);
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
