package org.torchplan.catalog.model;

import org.torchplan.backend.ComputeBackend;

/** Identifies one catalog entry: the files of a package for one backend in one channel. */
public record EntryKey(Channel channel, ComputeBackend backend, String packageName) {

    /** The per-backend page, e.g. {@code <root>/nightly/cu126/torch/}. */
    public String pageUrl(String indexRoot) {
        return indexRoot + "/" + channel.pathPrefix() + backend + "/" + packageName + "/";
    }

    @Override
    public String toString() {
        return channel.id() + "/" + backend + "/" + packageName;
    }
}
