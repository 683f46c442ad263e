package org.torchplan.api;

/** A request body over the limit: answered 413 without reading the rest. */
public final class RequestTooLargeException extends RuntimeException {

    public RequestTooLargeException(long limitBytes) {
        super("the request body is over " + limitBytes + " bytes", null, false, false);
    }
}
