package org.torchplan.catalog;

/**
 * The cache validators a server sent with a page, replayed as {@code If-None-Match} / {@code If-Modified-Since}.
 *
 * @param etag the {@code ETag} header, or null
 * @param lastModified the {@code Last-Modified} header, or null
 */
record Validators(String etag, String lastModified) {

    static final Validators NONE = new Validators(null, null);

    boolean isEmpty() {
        return etag == null && lastModified == null;
    }
}
