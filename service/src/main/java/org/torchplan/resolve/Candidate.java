package org.torchplan.resolve;

import java.util.List;
import java.util.Objects;
import org.torchplan.catalog.model.IndexedFile;
import org.torchplan.packaging.DistributionMetadata;
import org.torchplan.packaging.Version;

/**
 * One thing the resolver can pin for an identifier: a wheel of the index, the installed distribution, the target's
 * Python (the single candidate of Requires-Python), or a project with extras wrapping its base candidate (pip's
 * {@code ExtrasCandidate}: its own node {@code name[extra]}, which depends on the base at exactly the same version).
 * The provider builds each at most once, so equal candidates are the same object, as pip's caches make them.
 */
final class Candidate {

    enum Kind { INDEX, INSTALLED, PYTHON }

    private final String identifier;
    private final String name;
    private final List<String> extras;
    private final Version version;
    private final Kind kind;
    private final IndexedFile file;
    private final DistributionMetadata installed;
    private final Candidate base;

    private Candidate(String identifier, String name, List<String> extras, Version version, Kind kind,
            IndexedFile file, DistributionMetadata installed, Candidate base) {
        this.identifier = identifier;
        this.name = name;
        this.extras = List.copyOf(extras);
        this.version = version;
        this.kind = kind;
        this.file = file;
        this.installed = installed;
        this.base = base;
    }

    static Candidate fromIndex(String name, IndexedFile file) {
        return new Candidate(name, name, List.of(), file.version(), Kind.INDEX, file, null, null);
    }

    static Candidate fromInstalled(String name, DistributionMetadata installed) {
        return new Candidate(name, name, List.of(), installed.version(), Kind.INSTALLED, null, installed, null);
    }

    static Candidate python(Version version) {
        return new Candidate(Identifiers.PYTHON, Identifiers.PYTHON, List.of(), version, Kind.PYTHON, null, null,
                null);
    }

    static Candidate withExtras(Candidate base, List<String> extras) {
        return new Candidate(Identifiers.of(base.name, extras), base.name, extras, base.version, base.kind, base.file,
                base.installed, base);
    }

    String identifier() {
        return identifier;
    }

    String name() {
        return name;
    }

    List<String> extras() {
        return extras;
    }

    Version version() {
        return version;
    }

    Kind kind() {
        return kind;
    }

    /** The wheel, for index candidates (and extras wrapping one). */
    IndexedFile file() {
        return file;
    }

    DistributionMetadata installed() {
        return installed;
    }

    /** The base candidate of a {@code name[extra]} candidate, or null. */
    Candidate base() {
        return base;
    }

    boolean hasExtras() {
        return base != null;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Candidate)) {
            return false;
        }
        Candidate candidate = (Candidate) other;
        return identifier.equals(candidate.identifier) && kind == candidate.kind
                && version.equals(candidate.version) && version.toString().equals(candidate.version.toString())
                && Objects.equals(file == null ? null : file.url(), candidate.file == null ? null : candidate.file.url());
    }

    @Override
    public int hashCode() {
        return Objects.hash(identifier, kind, version.toString());
    }

    /** {@code torchvision 0.27.0}, as messages name a distribution. */
    @Override
    public String toString() {
        return identifier + " " + version;
    }
}
