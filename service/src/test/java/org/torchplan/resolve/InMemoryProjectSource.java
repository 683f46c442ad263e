package org.torchplan.resolve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.PackageName;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.WheelFilename;

/** An index held in memory: each wheel with the metadata its METADATA file would carry. */
final class InMemoryProjectSource implements ProjectSource {

    private final Map<String, List<IndexedFile>> files = new LinkedHashMap<>();
    private final Map<String, DistributionMetadata> metadata = new HashMap<>();
    private final Map<String, Integer> metadataReads = new HashMap<>();

    /** A wheel; {@code requiresPython} (or null) is both the index's data-requires-python and the metadata's. */
    InMemoryProjectSource wheel(String fileName, List<String> requiresDist, String requiresPython,
            List<String> providesExtra, String yankedReason) {
        WheelFilename filename = WheelFilename.parse(fileName);
        String url = "https://files.example/" + fileName;
        IndexedFile file = new IndexedFile(filename, url, "0".repeat(64), requiresPython, true, null, yankedReason);
        files.computeIfAbsent(filename.name(), name -> new ArrayList<>()).add(file);
        List<Requirement> requirements = new ArrayList<>();
        requiresDist.forEach(text -> requirements.add(Requirement.parse(text)));
        List<String> extras = new ArrayList<>();
        providesExtra.forEach(extra -> extras.add(PackageName.normalize(extra)));
        metadata.put(url, new DistributionMetadata(filename.name(), filename.version(), requirements,
                Optional.ofNullable(requiresPython), extras));
        return this;
    }

    InMemoryProjectSource wheel(String fileName, String... requiresDist) {
        return wheel(fileName, List.of(requiresDist), null, List.of(), null);
    }

    /** A project the index lists with no installable wheel at all (an sdist-only project). */
    InMemoryProjectSource emptyProject(String name) {
        files.computeIfAbsent(name, key -> new ArrayList<>());
        return this;
    }

    int metadataReads() {
        return metadataReads.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public Optional<List<IndexedFile>> files(String normalizedName) {
        List<IndexedFile> listed = files.get(normalizedName);
        return listed == null ? Optional.empty() : Optional.of(List.copyOf(listed));
    }

    @Override
    public DistributionMetadata metadata(String normalizedName, IndexedFile file) {
        metadataReads.merge(file.url(), 1, Integer::sum);
        DistributionMetadata found = metadata.get(file.url());
        if (found == null) {
            throw new IllegalArgumentException("no metadata for " + file.url());
        }
        return found;
    }
}
