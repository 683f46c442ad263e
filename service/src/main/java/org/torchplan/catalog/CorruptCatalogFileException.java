package org.torchplan.catalog;

/** A catalog file that cannot be trusted: bad header, bad checksum, truncated, or unreadable rows. */
class CorruptCatalogFileException extends Exception {

    CorruptCatalogFileException(String message) {
        super(message);
    }

    CorruptCatalogFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
