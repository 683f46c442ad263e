package org.torchplan.packaging;

/** Thrown when a string is not a valid environment marker. */
public class InvalidMarkerException extends PackagingParseException {

    private static final long serialVersionUID = 1L;

    public InvalidMarkerException(String input, String reason) {
        super("environment marker", input, reason);
    }
}
