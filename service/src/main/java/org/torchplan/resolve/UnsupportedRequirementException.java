package org.torchplan.resolve;

/**
 * A requirement the resolver does not take at all: a direct URL ({@code name @ https://...}), or a constraint with
 * extras or a URL (pip refuses those too).
 */
public class UnsupportedRequirementException extends RuntimeException {

    public UnsupportedRequirementException(String message) {
        super(message);
    }
}
