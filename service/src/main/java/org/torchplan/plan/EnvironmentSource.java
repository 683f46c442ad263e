package org.torchplan.plan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.CompanionPairing;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Version;
import org.torchplan.resolve.ProjectSource;

/**
 * The two indexes of one environment, as the resolver reads them for one candidate set of PyTorch wheels: PyTorch
 * packages only from the chosen backend's index (never from PyPI, where the same names are other builds), everything
 * else from the third-party index (PyPI or the policy's mirror).
 *
 * <ul>
 *   <li>A PyTorch package of the set is offered at its chosen version only: the set was chosen by the planner's rules
 *       (kernels, pairing, policy), and the resolver checks that the rest of the environment accepts it.</li>
 *   <li>Another PyTorch package that something pulls in (timm needs torchvision) is offered at the versions paired
 *       with the set's torch and not blocked by the policy.</li>
 *   <li>Metadata of a PyTorch wheel is its PEP 658 file when the index serves one (read by the third-party reader,
 *       which reads any index's metadata file by URL and checks its digest); without it, a companion is known to
 *       require its paired torch and nothing else is known: those names are reported, for a warning.</li>
 * </ul>
 */
final class EnvironmentSource implements ProjectSource {

    private final PlanningContext context;
    private final ComputeBackend backend;
    private final PackageSet set;
    private final ProjectSource thirdParty;
    private final Set<String> unknownDependencies = new LinkedHashSet<>();
    private final Set<String> pytorchNamesRead = new LinkedHashSet<>();

    EnvironmentSource(PlanningContext context, PackageSet set, ProjectSource thirdParty) {
        this.context = context;
        this.backend = set.backend();
        this.set = set;
        this.thirdParty = thirdParty;
    }

    @Override
    public Optional<List<IndexedFile>> files(String normalizedName) {
        if (context.catalogPackages().contains(normalizedName)) {
            pytorchNamesRead.add(normalizedName);
        }
        if (!EnvironmentAssembly.fromPytorchIndex(context.catalog(), set, normalizedName)) {
            return thirdParty.files(normalizedName);
        }
        List<IndexedFile> all = context.entry(backend, normalizedName).files();
        Optional<PackageSet.Pick> picked = pick(normalizedName);
        List<IndexedFile> offered = new ArrayList<>();
        CompanionPairing pairing = context.pairing();
        for (IndexedFile file : all) {
            Version version = file.version();
            boolean qualifies = picked.isPresent()
                    ? version.equals(picked.get().file().version())
                    : pairing.match(normalizedName, version, set.torchVersion()) == CompanionPairing.Match.PAIRED
                            && context.policy().blocking(normalizedName, version, context.environment()).isEmpty();
            if (qualifies) {
                offered.add(file);
            }
        }
        return Optional.of(offered);
    }

    @Override
    public DistributionMetadata metadata(String normalizedName, IndexedFile file) {
        if (!EnvironmentAssembly.fromPytorchIndex(context.catalog(), set, normalizedName)) {
            return thirdParty.metadata(normalizedName, file);
        }
        if (file.hasCoreMetadata()) {
            return thirdParty.metadata(normalizedName, file); // the reader takes any index's PEP 658 file by URL
        }
        unknownDependencies.add(normalizedName);
        List<Requirement> requires = new ArrayList<>(1);
        if (!normalizedName.equals(RequestedPackages.TORCH)) {
            requires.add(Requirement.parse("torch==" + set.torchVersion().publicVersion()));
        }
        return new DistributionMetadata(normalizedName, file.version(), requires, Optional.empty(), List.of());
    }

    /** PyTorch packages whose own dependencies are unknown (no metadata file could be read). */
    Set<String> unknownDependencies() {
        return unknownDependencies;
    }

    /** The PyTorch package names the resolution asked for. */
    Set<String> pytorchNamesRead() {
        return pytorchNamesRead;
    }

    private Optional<PackageSet.Pick> pick(String name) {
        for (PackageSet.Pick pick : set.picks()) {
            if (pick.name().equals(name)) {
                return Optional.of(pick);
            }
        }
        return Optional.empty();
    }
}
