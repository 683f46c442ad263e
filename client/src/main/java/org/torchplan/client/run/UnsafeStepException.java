package org.torchplan.client.run;

/** The service returned a step the client will not run: it is not a plain pip/uv install of pinned packages. */
public final class UnsafeStepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnsafeStepException(String message) {
        super(message);
    }
}
