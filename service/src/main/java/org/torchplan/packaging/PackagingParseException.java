package org.torchplan.packaging;

/**
 * A string that does not follow the Python packaging grammar it was parsed as. Unchecked so callers
 * that read trusted data are not forced into ceremony, typed so callers that read user input can map
 * it to a 4xx answer; the message always names the offending input.
 */
public class PackagingParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Inputs are echoed in messages; a cap keeps a hostile megabyte string out of the logs. */
    private static final int MAX_ECHOED_LENGTH = 200;

    private final String input;

    public PackagingParseException(String kind, String input, String reason) {
        super("invalid " + kind + " '" + abbreviate(input) + "': " + reason);
        this.input = input;
    }

    /** The text that failed to parse, exactly as given (may be null). */
    public String input() {
        return input;
    }

    private static String abbreviate(String input) {
        if (input == null) {
            return "null";
        }
        return input.length() <= MAX_ECHOED_LENGTH ? input : input.substring(0, MAX_ECHOED_LENGTH) + "...";
    }
}
