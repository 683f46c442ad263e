package org.torchplan.client.http;

/** The service could not be reached, did not answer in time, or failed (5xx): exit code 3. */
public final class ServiceUnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServiceUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
