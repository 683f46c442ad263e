package org.torchplan.client.run;

/** A requirements file cannot be read or uses something torchplan does not support; the message names file and line. */
public final class RequirementsFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RequirementsFileException(String message) {
        super(message);
    }
}
