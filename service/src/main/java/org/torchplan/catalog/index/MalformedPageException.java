package org.torchplan.catalog.index;

/** An index page that cannot be read as a simple-index page at all. */
public class MalformedPageException extends RuntimeException {

    public MalformedPageException(String message) {
        super(message);
    }
}
