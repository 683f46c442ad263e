package org.torchplan.plan;

import java.util.Locale;

/** How the planner trades a newer torch against a more preferred (usually newer) backend. */
public enum Strategy {
    /** The newest torch some accelerated candidate backend builds for the machine, then the most preferred such backend. */
    NEWEST_TORCH("newest-torch"),
    /** The most preferred candidate backend that has a full set, then the newest set on it. */
    NEWEST_BACKEND("newest-backend");

    private final String id;

    Strategy(String id) {
        this.id = id;
    }

    /** The name used in requests ({@code newest-torch}, {@code newest-backend}). */
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the input and the accepted values */
    public static Strategy parse(String text) {
        for (Strategy strategy : values()) {
            if (strategy.id.equals(text == null ? null : text.toLowerCase(Locale.ROOT))) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + text + "': expected newest-torch or newest-backend");
    }

    @Override
    public String toString() {
        return id;
    }
}
