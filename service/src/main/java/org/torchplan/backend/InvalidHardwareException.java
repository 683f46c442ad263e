package org.torchplan.backend;

/**
 * A hardware description (driver version, compute capability, GPU architecture) that cannot be read.
 * Unchecked, like {@link InvalidBackendException}, so request validation can map it to a 4xx answer.
 */
public final class InvalidHardwareException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String input;

    InvalidHardwareException(String what, String input, String expected) {
        super("invalid " + what + " '" + input + "': expected " + expected);
        this.input = input;
    }

    /** The text that failed to parse, as given. */
    public String input() {
        return input;
    }
}
