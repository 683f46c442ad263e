package org.torchplan.catalog.index;

/**
 * What the index answered for one page.
 *
 * @param status the HTTP status
 * @param body the decoded body (empty for 304 and errors)
 * @param contentType the media type without parameters, lower case, or ""
 * @param validators the validators sent with a 2xx answer
 * @param bytes bytes of body received
 * @param url the URL the answer came from, after redirects: relative links resolve against it, as pip does
 * @param framed whether the protocol marked where the body ends (a length, chunked or HTTP/2 framing, a gzip
 *     trailer): then a body cut short fails to read; without framing a cut body would read as a shorter page
 */
public record PageResponse(int status, String body, String contentType, Validators validators, long bytes,
        String url, boolean framed) {

    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    public boolean isNotModified() {
        return status == 304;
    }

    public boolean isJson() {
        return contentType.equals(JsonIndexParser.MEDIA_TYPE) || contentType.endsWith("+json")
                || contentType.equals("application/json");
    }
}
