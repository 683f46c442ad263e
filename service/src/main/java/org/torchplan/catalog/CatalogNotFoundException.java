package org.torchplan.catalog;

/** A channel/backend/package path the catalog does not have. */
class CatalogNotFoundException extends RuntimeException {

    CatalogNotFoundException(String message) {
        super(message);
    }
}
