package org.torchplan.catalog.index;

import org.torchplan.catalog.CatalogProperties;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches index pages over HTTP: prefers PEP 691 JSON and accepts PEP 503 HTML, replays validators for
 * conditional requests, bounds the number of requests in flight, and retries 5xx answers and I/O errors with
 * exponential backoff. Redirects are followed only within the {@link AllowedOrigins}; a redirect elsewhere fails
 * the fetch (not retried), so a page never comes from a host nobody configured.
 */
public class IndexClient {

    public static final String ACCEPT = JsonIndexParser.MEDIA_TYPE + ", text/html;q=0.2";

    private final CatalogProperties.Upstream settings;
    private final Semaphore permits;
    private final IndexMetrics metrics;
    private final AllowedOrigins allowed;
    private final String originsSetting;
    /** Made on first use: building one reads the JDK's trust store, which an offline start-up never needs. */
    private volatile OkHttpClient http;

    public IndexClient(CatalogProperties.Upstream settings, IndexMetrics metrics, AllowedOrigins allowed) {
        this(settings, metrics, allowed, "torchplan.index.allowed-origins");
    }

    /** @param originsSetting the property that lists the allowed origins, named when a redirect leaves them */
    public IndexClient(CatalogProperties.Upstream settings, IndexMetrics metrics, AllowedOrigins allowed,
            String originsSetting) {
        this.allowed = allowed;
        this.originsSetting = originsSetting;
        this.settings = settings;
        this.permits = new Semaphore(Math.max(1, settings.maxConcurrentRequests()), true);
        this.metrics = metrics;
    }

    private OkHttpClient http() {
        OkHttpClient client = http;
        if (client == null) {
            synchronized (this) {
                client = http;
                if (client == null) {
                    client = new OkHttpClient.Builder()
                            .connectTimeout(settings.connectTimeout())
                            .readTimeout(settings.readTimeout())
                            .callTimeout(settings.readTimeout().multipliedBy(2))
                            .followRedirects(true)
                            .followSslRedirects(true)
                            // a network interceptor sees every hop of a redirect chain, before anything is sent to it
                            .addNetworkInterceptor(chain -> {
                                if (!allowed.allows(chain.request().url())) {
                                    throw new ForeignOriginException(chain.request().url().toString(), allowed,
                                            originsSetting);
                                }
                                return chain.proceed(chain.request());
                            })
                            .build();
                    http = client;
                }
            }
        }
        return client;
    }

    /**
     * Fetches a page, conditionally when {@code previous} carries validators.
     *
     * @return the last answer: 2xx, 304, or the error status after retries
     * @throws IOException when the last attempt failed at the transport level (timeout, reset, truncated body)
     */
    public PageResponse fetch(String url, Validators previous) throws IOException {
        IOException lastFailure = null;
        PageResponse lastAnswer = null;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            if (attempt > 0) {
                pause(settings.backoff().toMillis() << (attempt - 1));
            }
            try {
                lastAnswer = fetchOnce(url, previous);
                lastFailure = null;
                if (lastAnswer.status() < 500) {
                    return lastAnswer;
                }
            } catch (ForeignOriginException foreign) {
                metrics.fetchFailed();
                throw foreign; // asking again leads to the same place
            } catch (IOException failure) {
                lastFailure = failure;
            }
        }
        if (lastFailure != null) {
            metrics.fetchFailed();
            throw lastFailure;
        }
        metrics.fetchFailed();
        return lastAnswer;
    }

    /**
     * Fetches a small non-page resource (PEP 658 metadata) without conditional headers or retries, as the bytes
     * received (a digest is checked over them, not over decoded text).
     */
    public FileResponse fetchFile(String url) throws IOException {
        acquire();
        try (Response response = http().newCall(new Request.Builder().url(url).build()).execute()) {
            metrics.fetched();
            byte[] raw = response.isSuccessful() ? response.body().bytes() : new byte[0];
            metrics.bytesReceived(raw.length);
            return new FileResponse(response.code(), raw);
        } finally {
            permits.release();
        }
    }

    /**
     * Fetches at most {@code maxBytes} of a file, the part {@code range} names ({@code bytes=-65536},
     * {@code bytes=100-199}) when not null, without conditional headers or retries. A server that ignores the range
     * answers 200 with the whole file, which is read only while it stays within the bound.
     *
     * @throws FileTooLargeException when the body is larger than {@code maxBytes}
     */
    public FileResponse fetchFile(String url, String range, long maxBytes) throws IOException {
        Request.Builder request = new Request.Builder().url(url);
        if (range != null) {
            // a range of a gzip'd body would be a range of the compressed bytes
            request.header("Range", range).header("Accept-Encoding", "identity");
        }
        acquire();
        try (Response response = http().newCall(request.build()).execute()) {
            metrics.fetched();
            if (!response.isSuccessful()) {
                return new FileResponse(response.code(), new byte[0]);
            }
            ResponseBody body = response.body();
            if (body.contentLength() > maxBytes) {
                throw new FileTooLargeException(url, body.contentLength(), maxBytes);
            }
            okio.Buffer buffer = new okio.Buffer();
            okio.BufferedSource source = body.source();
            while (buffer.size() <= maxBytes && source.read(buffer, 1 << 16) >= 0) {
                // read until the end or one chunk past the bound
            }
            if (buffer.size() > maxBytes) {
                metrics.bytesReceived(buffer.size());
                throw new FileTooLargeException(url, -1, maxBytes);
            }
            byte[] raw = buffer.readByteArray();
            metrics.bytesReceived(raw.length);
            return new FileResponse(response.code(), raw, response.header("Content-Range"));
        } finally {
            permits.release();
        }
    }

    /** A file larger than the caller's bound; its body was not read whole. */
    public static final class FileTooLargeException extends IOException {

        public FileTooLargeException(String url, long declared, long maxBytes) {
            super(url + " is larger than " + maxBytes + " bytes" + (declared < 0 ? "" : " (" + declared + " declared)"));
        }
    }

    /**
     * Whether the body's end was marked by the protocol, so that a connection closed early is an I/O error rather
     * than a shorter page: a Content-Length, chunked or HTTP/2 framing, or a gzip stream (its trailer). Read from
     * the network response: OkHttp drops the length of a body it decompresses.
     */
    private static boolean framed(Response response) {
        Response network = response.networkResponse() != null ? response.networkResponse() : response;
        return network.header("Content-Length") != null
                || "chunked".equalsIgnoreCase(network.header("Transfer-Encoding"))
                || "gzip".equalsIgnoreCase(network.header("Content-Encoding"))
                || (network.protocol() != okhttp3.Protocol.HTTP_1_1 && network.protocol() != okhttp3.Protocol.HTTP_1_0);
    }

    private PageResponse fetchOnce(String url, Validators previous) throws IOException {
        Request.Builder request = new Request.Builder().url(url).header("Accept", ACCEPT);
        if (previous.etag() != null) {
            request.header("If-None-Match", previous.etag());
        }
        if (previous.lastModified() != null) {
            request.header("If-Modified-Since", previous.lastModified());
        }
        acquire();
        try (Response response = http().newCall(request.build()).execute()) {
            metrics.fetched();
            ResponseBody body = response.body();
            byte[] raw = response.isSuccessful() ? body.bytes() : new byte[0];
            okhttp3.MediaType declared = body.contentType();
            java.nio.charset.Charset charset = declared == null
                    ? java.nio.charset.StandardCharsets.UTF_8
                    : declared.charset(java.nio.charset.StandardCharsets.UTF_8);
            String text = new String(raw, charset);
            long bytes = raw.length;
            metrics.bytesReceived(bytes);
            String contentType = response.header("Content-Type", "");
            int semicolon = contentType.indexOf(';');
            String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                    .strip()
                    .toLowerCase(Locale.ROOT);
            Validators validators = new Validators(response.header("ETag"), response.header("Last-Modified"));
            return new PageResponse(response.code(), text, mediaType, validators, bytes,
                    response.request().url().toString(), framed(response));
        } finally {
            permits.release();
        }
    }

    private void acquire() throws InterruptedIOException {
        try {
            permits.acquire();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for an upstream request slot");
        }
    }

    private static void pause(long millis) throws InterruptedIOException {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during retry backoff");
        }
    }

    /** Whether this client may fetch {@code url} (its origin is one of the allowed ones). */
    public boolean allows(String url) {
        return allowed.allows(url);
    }

    /** A redirect (or a request) to an origin that is not allowed. */
    public static final class ForeignOriginException extends IOException {

        ForeignOriginException(String url, AllowedOrigins allowed, String originsSetting) {
            super("redirected to " + url + ", outside the allowed origins (" + allowed + "; " + originsSetting + ")");
        }
    }

    /** Releases the connection pool and dispatcher threads. */
    public void close() {
        OkHttpClient client = http;
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
