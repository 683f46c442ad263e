package org.torchplan.packaging;

/** Thrown when a string is not a valid version. */
public class InvalidVersionException extends PackagingParseException {

    private static final long serialVersionUID = 1L;

    public InvalidVersionException(String input, String reason) {
        super("version", input, reason);
    }
}
