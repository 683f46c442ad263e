package org.torchplan.catalog.index;

/** The upstream index could not give what was asked (I/O failure, error status, malformed page). */
public class UpstreamUnavailableException extends RuntimeException {

    public UpstreamUnavailableException(String message) {
        super(message);
    }
}
