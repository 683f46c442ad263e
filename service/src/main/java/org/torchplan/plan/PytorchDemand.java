package org.torchplan.plan;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.resolve.ProjectSource;
import org.torchplan.resolve.Resolution;
import org.torchplan.resolve.ResolutionImpossibleException;
import org.torchplan.resolve.ResolutionRequest;
import org.torchplan.resolve.Resolver;

/**
 * For a request naming no PyTorch package: whether its environment needs one after all (timm requires torch). The
 * requirements are resolved over the third-party index with PyTorch names held back; the first time the resolution
 * reaches for one, the answer is yes, and the planner plans torch from the right backend's index. Otherwise the
 * resolution is the whole environment, and nothing comes from the PyTorch index (pip would take nothing from it).
 */
final class PytorchDemand {

    /**
     * @param pytorchPackage the PyTorch package the environment needs, or null
     * @param resolution the environment without PyTorch packages, when none is needed
     */
    record Answer(String pytorchPackage, Resolution resolution) {}

    private PytorchDemand() {
    }

    /** @throws UnsatisfiableRequestException when the requirements conflict among themselves */
    static Answer of(PlanRequest request, Set<String> pytorchPackages, ProjectSource thirdParty) {
        ProjectSource withoutPytorch = new ProjectSource() {
            @Override
            public Optional<List<IndexedFile>> files(String normalizedName) {
                if (pytorchPackages.contains(normalizedName)) {
                    throw new Needed(normalizedName);
                }
                return thirdParty.files(normalizedName);
            }

            @Override
            public DistributionMetadata metadata(String normalizedName, IndexedFile file) {
                return thirdParty.metadata(normalizedName, file);
            }
        };
        try {
            Resolution resolution = Resolver.resolve(new ResolutionRequest(request.requirements(), request.target(),
                    withoutPytorch, request.installed(), false, List.of()));
            return new Answer(null, resolution);
        } catch (Needed needed) {
            return new Answer(needed.name, null);
        } catch (ResolutionImpossibleException conflict) {
            throw new UnsatisfiableRequestException(conflict.getMessage(), conflict.conflicts().isEmpty()
                    ? List.of(conflict.getMessage()) : conflict.conflicts());
        }
    }

    /** Thrown through the resolver, which has no business knowing about backends. */
    private static final class Needed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String name;

        Needed(String name) {
            super(name, null, false, false);
            this.name = name;
        }
    }
}
