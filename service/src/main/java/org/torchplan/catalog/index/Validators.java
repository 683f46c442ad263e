package org.torchplan.catalog.index;

/**
 * The cache validators a server sent with a page, replayed as {@code If-None-Match} / {@code If-Modified-Since}.
 *
 * @param etag the {@code ETag} header, or null
 * @param lastModified the {@code Last-Modified} header, or null
 */
public record Validators(String etag, String lastModified) {

    public static final Validators NONE = new Validators(null, null);

    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }
}
