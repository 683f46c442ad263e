package org.torchplan.catalog.model;

import java.util.Locale;

/** A release channel of the PyTorch index; each lives under its own path below the index root. */
public enum Channel {
    STABLE("stable", ""),
    TEST("test", "test/"),
    NIGHTLY("nightly", "nightly/");

    private final String id;
    private final String pathPrefix;

    Channel(String id, String pathPrefix) {
        this.id = id;
        this.pathPrefix = pathPrefix;
    }

    /** The lower-case name used in URLs of this service and in configuration. */
    public String id() {
        return id;
    }

    /** The path below the index root where this channel's backends live ({@code ""}, {@code "test/"}, {@code "nightly/"}). */
    public String pathPrefix() {
        return pathPrefix;
    }

    /**
     * Parses {@code stable}, {@code test} or {@code nightly}, case-insensitively.
     *
     * @throws UnknownChannelException naming the input and the accepted values
     */
    public static Channel parse(String text) {
        if (text != null) {
            String wanted = text.trim().toLowerCase(Locale.ROOT);
            for (Channel channel : values()) {
                if (channel.id.equals(wanted)) {
                    return channel;
                }
            }
        }
        throw new UnknownChannelException(text);
    }

    @Override
    public String toString() {
        return id;
    }
}
