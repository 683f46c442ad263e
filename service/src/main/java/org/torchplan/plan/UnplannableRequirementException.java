package org.torchplan.plan;

/** A requirement the planner cannot pin, such as a direct URL ({@code name @ https://...}). */
public final class UnplannableRequirementException extends RuntimeException {

    private final int index;

    /** @param index the position of the requirement in the request */
    public UnplannableRequirementException(int index, String message) {
        super(message, null, false, false);
        this.index = index;
    }

    public int index() {
        return index;
    }
}
