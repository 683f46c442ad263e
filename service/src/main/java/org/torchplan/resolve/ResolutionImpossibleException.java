package org.torchplan.resolve;

import java.util.List;

/**
 * No environment satisfies the requirements; the message says which requirements conflict, in words a user can act
 * on. The subclasses name the commoner special cases.
 */
public class ResolutionImpossibleException extends RuntimeException {

    private final List<String> conflicts;

    public ResolutionImpossibleException(String message, List<String> conflicts) {
        super(message);
        this.conflicts = List.copyOf(conflicts);
    }

    /** The conflicting requirements, one sentence each ({@code somepkg 1.0.0 requires torch<2.9}). */
    public List<String> conflicts() {
        return conflicts;
    }
}
