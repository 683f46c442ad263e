package org.torchplan.catalog.storage;

/** A catalog file that cannot be trusted: bad header, bad checksum, truncated, or unreadable rows. */
public class CorruptCatalogFileException extends Exception {

    public CorruptCatalogFileException(String message) {
        super(message);
    }

    public CorruptCatalogFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
