package org.torchplan.catalog.index;

import java.io.IOException;
import java.util.List;

/** Fetches one index page and reads it as HTML or JSON, as the server's Content-Type says. */
public class PageReader {

    /** The outcome of reading a page. */
    public sealed interface Outcome {

        /** A 2xx page, parsed. */
        record Read(ParsedPage page, Validators validators, long bytes) implements Outcome {}

        /** The server confirmed the copy we have (HTTP 304). */
        record NotModified() implements Outcome {}

        /** The page does not exist (404/410): the index has nothing there. */
        record Missing(int status) implements Outcome {}

        /** Anything else: error status after retries, I/O failure, unreadable body. */
        record Failed(String reason) implements Outcome {}
    }

    private final IndexClient client;

    public PageReader(IndexClient client) {
        this.client = client;
    }

    public Outcome read(String url, Validators previous) {
        PageResponse response;
        try {
            response = client.fetch(url, previous);
        } catch (IOException failure) {
            return new Outcome.Failed("fetch of " + url + " failed: " + describe(failure));
        }
        if (response.isNotModified()) {
            return new Outcome.NotModified();
        }
        if (response.status() == 404 || response.status() == 410) {
            return new Outcome.Missing(response.status());
        }
        if (!response.isSuccessful()) {
            return new Outcome.Failed("fetch of " + url + " answered HTTP " + response.status());
        }
        if (!response.framed() && !response.isJson() && !endsAsAWholePage(response.body())) {
            // a JSON page cut short does not parse; an HTML one would, as a shorter page
            return new Outcome.Failed("page " + url + " may be cut short: no length was declared and it does not"
                    + " end with </html>");
        }
        try {
            // relative links resolve against where the page was found, after redirects (as pip does)
            ParsedPage page = response.isJson()
                    ? JsonIndexParser.parse(response.url(), response.body())
                    : HtmlIndexParser.parse(response.url(), response.body());
            return new Outcome.Read(page, response.validators(), response.bytes());
        } catch (MalformedPageException malformed) {
            return new Outcome.Failed("page " + url + " is malformed: " + malformed.getMessage());
        }
    }

    private static boolean endsAsAWholePage(String html) {
        String end = html.strip();
        return end.regionMatches(true, Math.max(0, end.length() - 7), "</html>", 0, 7);
    }

    /**
     * The names a listing page links to (folders of an HTML listing, projects of a JSON one).
     *
     * @throws UpstreamUnavailableException when the listing cannot be fetched or read
     */
    public List<String> listing(String url) {
        PageResponse response;
        try {
            response = client.fetch(url, Validators.NONE);
        } catch (IOException failure) {
            throw new UpstreamUnavailableException("fetch of " + url + " failed: " + describe(failure));
        }
        if (!response.isSuccessful()) {
            throw new UpstreamUnavailableException("listing " + url + " answered HTTP " + response.status());
        }
        if (!response.framed() && !response.isJson() && !endsAsAWholePage(response.body())) {
            throw new UpstreamUnavailableException("listing " + url + " may be cut short: no length was declared and"
                    + " it does not end with </html>");
        }
        try {
            return response.isJson() ? JsonIndexParser.projects(response.body()) : HtmlIndexParser.folders(response.body());
        } catch (MalformedPageException malformed) {
            throw new UpstreamUnavailableException("listing " + url + " is malformed: " + malformed.getMessage());
        }
    }

    private static String describe(IOException failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
