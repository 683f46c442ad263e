package org.torchplan.resolve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.torchplan.packaging.PackageName;

/**
 * A resolved environment: one distribution per project.
 *
 * @param distributions in the order the resolver pinned them, which is the order of pip's {@code --report}
 *     "install" list (the roots and what they pull in, the most constrained first; not a topological order)
 * @param warnings what pip would warn about: a yanked file chosen, an extra the distribution does not provide
 */
public record Resolution(List<ResolvedDistribution> distributions, List<String> warnings) {

    public Resolution {
        distributions = List.copyOf(distributions);
        warnings = List.copyOf(warnings);
    }

    /** The chosen distribution of a project (any spelling of its name). */
    public Optional<ResolvedDistribution> find(String name) {
        String normalized = PackageName.normalize(name);
        return distributions.stream().filter(distribution -> distribution.name().equals(normalized)).findFirst();
    }

    /** Normalized name to version string, in pin order. */
    public Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        distributions.forEach(distribution -> versions.put(distribution.name(), distribution.version().toString()));
        return versions;
    }
}
