package org.torchplan.pypi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.catalog.storage.CatalogFileFormat;
import org.torchplan.catalog.storage.CatalogPersistence;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.Requirement;

/**
 * Keeps the PyPI projects and the core metadata read in the catalog's data directory, in one file
 * ({@value CatalogPersistence#PYPI_FILE}) with the catalog's framing and guarantees: replaced atomically, gzip'd,
 * a trailing CRC-32C, decompression bounded, a damaged file ignored with a warning.
 *
 * <pre>
 * #torchplan-pypi	1
 * #upstream	https://pypi.org/simple
 * P	name	fetched-at	missing(0|1)          a project, followed by its files
 * F	...                                     a file, as in the catalog file
 * M	key	metadata                            core metadata (its fields that matter, escaped), per file digest
 * </pre>
 */
final class PypiStore {

    static final String MAGIC = "#torchplan-pypi";
    static final String VERSION = "1";
    /** Thousands of projects and metadata files are a few MiB; more is not a file this service wrote. */
    static final long MAX_EXPANDED_BYTES = 256L << 20;

    private static final Logger log = LoggerFactory.getLogger(PypiStore.class);

    /** What the file holds. */
    record Stored(List<PypiProject> projects, Map<String, DistributionMetadata> metadata) {

        static final Stored EMPTY = new Stored(List.of(), Map.of());
    }

    private final CatalogPersistence persistence;
    private final String root;

    PypiStore(CatalogPersistence persistence, String root) {
        this.persistence = persistence;
        this.root = root;
    }

    Stored read() {
        Optional<String> text = persistence.readCheckedFile(CatalogPersistence.PYPI_FILE, MAX_EXPANDED_BYTES,
                "PyPI projects and metadata are read again from the index.");
        if (text.isEmpty()) {
            return Stored.EMPTY;
        }
        try {
            return parse(text.get());
        } catch (RuntimeException malformed) {
            log.warn("Ignoring {}: malformed: {}. PyPI projects and metadata are read again from the index.",
                    CatalogPersistence.PYPI_FILE, malformed.getMessage());
            return Stored.EMPTY;
        }
    }

    void write(List<PypiProject> projects, Map<String, DistributionMetadata> metadata) {
        List<String> lines = new ArrayList<>();
        lines.add(MAGIC + "\t" + VERSION);
        lines.add("#upstream\t" + CatalogFileFormat.escape(root));
        for (PypiProject project : projects) {
            lines.add("P\t" + project.name() + "\t" + project.fetchedAt() + "\t" + (project.missing() ? "1" : "0"));
            for (IndexedFile file : project.files()) {
                lines.add(CatalogFileFormat.fileRow(file));
            }
        }
        for (Map.Entry<String, DistributionMetadata> entry : metadata.entrySet()) {
            lines.add("M\t" + CatalogFileFormat.escape(entry.getKey()) + "\t"
                    + CatalogFileFormat.escape(text(entry.getValue())));
        }
        persistence.writeCheckedFile(CatalogPersistence.PYPI_FILE, lines);
    }

    /** The metadata as core metadata text again: the fields {@link DistributionMetadata#parse} reads. */
    static String text(DistributionMetadata metadata) {
        StringBuilder text = new StringBuilder()
                .append("Name: ").append(metadata.name()).append('\n')
                .append("Version: ").append(metadata.version()).append('\n');
        metadata.requiresPython().ifPresent(value -> text.append("Requires-Python: ").append(value).append('\n'));
        for (Requirement requirement : metadata.requiresDist()) {
            text.append("Requires-Dist: ").append(requirement).append('\n');
        }
        for (String extra : metadata.providesExtra()) {
            text.append("Provides-Extra: ").append(extra).append('\n');
        }
        return text.toString();
    }

    private Stored parse(String text) {
        String[] lines = text.split("\n", -1);
        if (!lines[0].equals(MAGIC + "\t" + VERSION)) {
            throw new IllegalArgumentException("not a torchplan PyPI file (version " + VERSION + ")");
        }
        List<PypiProject> projects = new ArrayList<>();
        Map<String, DistributionMetadata> metadata = new LinkedHashMap<>();
        String upstream = null;
        String name = null;
        Instant fetchedAt = null;
        boolean missing = false;
        List<IndexedFile> files = new ArrayList<>();
        for (int index = 1; index < lines.length; index++) {
            String line = lines[index];
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\t", -1);
            switch (fields[0]) {
                case "#upstream" -> upstream = CatalogFileFormat.unescape(fields[1]);
                case "P" -> {
                    if (name != null) {
                        projects.add(stored(name, files, missing, fetchedAt));
                    }
                    name = fields[1];
                    fetchedAt = Instant.parse(fields[2]);
                    missing = fields[3].equals("1");
                    files = new ArrayList<>();
                }
                case "F" -> {
                    if (name == null || fields.length != 8) {
                        throw new IllegalArgumentException("file row out of place at line " + (index + 1));
                    }
                    IndexedFile file = CatalogFileFormat.file(fields);
                    if (file != null) {
                        files.add(file);
                    }
                }
                case "M" -> metadata.put(CatalogFileFormat.unescape(fields[1]),
                        DistributionMetadata.parse(CatalogFileFormat.unescape(fields[2])));
                default -> {
                    if (!line.startsWith("#")) {
                        throw new IllegalArgumentException("unknown row at line " + (index + 1));
                    }
                }
            }
        }
        if (name != null) {
            projects.add(stored(name, files, missing, fetchedAt));
        }
        if (upstream == null || !withoutSlash(upstream).equals(withoutSlash(root))) {
            log.info("Ignoring persisted PyPI projects {}: they are of {}, not of {}", CatalogPersistence.PYPI_FILE,
                    upstream, root);
            return Stored.EMPTY;
        }
        return new Stored(projects, metadata);
    }

    private static PypiProject stored(String name, List<IndexedFile> files, boolean missing, Instant fetchedAt) {
        return new PypiProject(name, files, missing, fetchedAt, CatalogSource.PERSISTED, null);
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
