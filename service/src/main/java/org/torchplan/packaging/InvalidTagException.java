package org.torchplan.packaging;

/** Thrown when a string is not a valid tag. */
public class InvalidTagException extends PackagingParseException {

    private static final long serialVersionUID = 1L;

    public InvalidTagException(String input, String reason) {
        super("tag", input, reason);
    }
}
