package org.torchplan.packaging;

/** Thrown when a string is not a valid wheel file name. */
public class InvalidWheelFilenameException extends PackagingParseException {

    private static final long serialVersionUID = 1L;

    public InvalidWheelFilenameException(String input, String reason) {
        super("wheel file name", input, reason);
    }
}
