package org.torchplan.packaging;

/** Thrown when a distribution's core metadata ({@code METADATA}, a PEP 658 file) cannot be read. */
public class InvalidMetadataException extends PackagingParseException {

    private static final long serialVersionUID = 1L;

    public InvalidMetadataException(String input, String reason) {
        super("core metadata", input, reason);
    }
}
