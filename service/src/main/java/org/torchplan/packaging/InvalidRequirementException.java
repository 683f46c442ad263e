package org.torchplan.packaging;

/** Thrown when a string is not a valid requirement. */
public class InvalidRequirementException extends PackagingParseException {

    private static final long serialVersionUID = 1L;

    public InvalidRequirementException(String input, String reason) {
        super("requirement", input, reason);
    }
}
