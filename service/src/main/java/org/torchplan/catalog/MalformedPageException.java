package org.torchplan.catalog;

/** An index page that cannot be read as a simple-index page at all. */
class MalformedPageException extends RuntimeException {

    MalformedPageException(String message) {
        super(message);
    }
}
