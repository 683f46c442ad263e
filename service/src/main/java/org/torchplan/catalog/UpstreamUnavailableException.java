package org.torchplan.catalog;

/** The upstream index could not give what was asked (I/O failure, error status, malformed page). */
class UpstreamUnavailableException extends RuntimeException {

    UpstreamUnavailableException(String message) {
        super(message);
    }
}
