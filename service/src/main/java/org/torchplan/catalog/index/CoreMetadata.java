package org.torchplan.catalog.index;

import java.util.Optional;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.PackagingParseException;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Specifier;
import org.torchplan.packaging.Version;

/** Reads the one fact the catalog needs from a wheel's core metadata file: which torch it pins. */
public final class CoreMetadata {

    private CoreMetadata() {}

    /**
     * The exact torch version the metadata requires ({@code torch==2.10.0}, {@code torch (==2.0.0)}, {@code ===}),
     * if it pins exactly one; metadata that does not read ({@link DistributionMetadata#parse}) pins nothing.
     */
    public static Optional<Version> torchPin(String metadata) {
        DistributionMetadata parsed;
        try {
            parsed = DistributionMetadata.parse(metadata);
        } catch (PackagingParseException unreadable) {
            return Optional.empty();
        }
        for (Requirement requirement : parsed.requiresDist()) {
            if (requirement.normalizedName().equals("torch") && requirement.specifier().specifiers().size() == 1) {
                Specifier only = requirement.specifier().specifiers().get(0);
                boolean exact = only.operator() == Specifier.Operator.EQUAL
                        || only.operator() == Specifier.Operator.ARBITRARY_EQUAL;
                if (exact && !only.versionText().contains("*")) {
                    try {
                        return Optional.of(Version.parse(only.versionText()));
                    } catch (PackagingParseException notAVersion) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }
}
