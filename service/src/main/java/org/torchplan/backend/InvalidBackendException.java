package org.torchplan.backend;

/** A compute backend name that none of the accepted spellings matches. */
public final class InvalidBackendException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    static final String ACCEPTED_FORMS =
            "cpu, xpu, cuNNN (cu126, cu92), cuNN.N or cudaNN.N (cu12.6, cuda12.6), rocmN.N[.N] (rocm6.2.4)";

    private final String input;

    InvalidBackendException(String input, String reason) {
        super("invalid compute backend '" + input + "': " + reason + "; accepted forms: " + ACCEPTED_FORMS);
        this.input = input;
    }

    /** The text that failed to parse, as given. */
    public String input() {
        return input;
    }
}
