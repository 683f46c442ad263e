package org.torchplan.catalog.model;

/** A channel name that is not one of stable, test, nightly. */
public class UnknownChannelException extends IllegalArgumentException {

    private final String input;

    public UnknownChannelException(String input) {
        super("unknown channel '" + input + "': expected stable, test or nightly");
        this.input = input;
    }

    /** The text that failed to parse. */
    public String input() {
        return input;
    }
}
