package org.torchplan.packaging;

/** Thrown when a string is not a valid version specifier. */
public class InvalidSpecifierException extends PackagingParseException {

    private static final long serialVersionUID = 1L;

    public InvalidSpecifierException(String input, String reason) {
        super("version specifier", input, reason);
    }
}
