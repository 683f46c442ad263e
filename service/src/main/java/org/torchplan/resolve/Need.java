package org.torchplan.resolve;

import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.SpecifierSet;

/**
 * A requirement as the resolver holds it (pip's resolvelib {@code Requirement} kinds): a PEP 508 specifier, an
 * explicit candidate (a {@code name[extra]} candidate's need of its base at the same version), the target Python
 * against a Requires-Python, or something no candidate satisfies (a direct URL in a dependency).
 */
interface Need {

    String identifier();

    boolean isSatisfiedBy(Candidate candidate);

    /** The candidate this need names explicitly, or null. */
    default Candidate explicitCandidate() {
        return null;
    }

    /** The PEP 508 requirement the index is searched with, or null. */
    default Requirement searched() {
        return null;
    }

    /** The requirement as messages show it ({@code torch<2.9}). */
    String describe();

    /** A PEP 508 requirement with version clauses. */
    record Specified(String identifier, Requirement requirement) implements Need {
        @Override
        public boolean isSatisfiedBy(Candidate candidate) {
            // pip admits pre-releases here: which versions were eligible at all was decided when searching
            return requirement.specifier().matchesEveryClause(candidate.version());
        }

        @Override
        public Requirement searched() {
            return requirement;
        }

        @Override
        public String describe() {
            String text = Identifiers.of(requirement.normalizedName(), requirement.extras())
                    + requirement.specifier();
            return text;
        }
    }

    /** Exactly this candidate. */
    record Explicit(Candidate candidate) implements Need {
        @Override
        public String identifier() {
            return candidate.identifier();
        }

        @Override
        public boolean isSatisfiedBy(Candidate other) {
            return candidate.equals(other);
        }

        @Override
        public Candidate explicitCandidate() {
            return candidate;
        }

        @Override
        public String describe() {
            return candidate.identifier() + "==" + candidate.version();
        }
    }

    /** A distribution's Requires-Python, judged against the target's Python. */
    record Python(SpecifierSet specifier, Candidate python) implements Need {
        @Override
        public String identifier() {
            return Identifiers.PYTHON;
        }

        @Override
        public boolean isSatisfiedBy(Candidate candidate) {
            return specifier.matchesEveryClause(candidate.version());
        }

        @Override
        public Candidate explicitCandidate() {
            return specifier.matchesEveryClause(python.version()) ? python : null;
        }

        @Override
        public String describe() {
            return "Python" + specifier;
        }
    }

    /** Nothing satisfies it; {@code why} says what it was. */
    record Unsatisfiable(String identifier, String why) implements Need {
        @Override
        public boolean isSatisfiedBy(Candidate candidate) {
            return false;
        }

        @Override
        public String describe() {
            return why;
        }
    }

    /** Which requirement holds on an identifier and who brought it (null: the user). */
    record Information(Need need, Candidate parent) {
    }
}
