package org.torchplan.client.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Talks to the torchplan service: one call per command with a deadline for the whole call, one retry when connecting
 * fails, redirects followed only within the service's origin, answers read only up to {@link #MAX_BODY_BYTES} and
 * only when their content type is the one asked for.
 */
public final class PlanClient {

    /** How to start the service, as the README says; printed when it cannot be reached. */
    public static final String START_HINT =
            "Start it with `./mvnw -B -DskipTests package && java -jar service/target/torchplan-service-exec.jar`, "
                    + "or set TORCHPLAN_URL.";

    private static final MediaType JSON = MediaType.get("application/json");
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);
    /** The largest answer read: a plan is a few KiB; more is not a plan, and must not exhaust the client's heap. */
    static final long MAX_BODY_BYTES = 4L * 1024 * 1024;
    private static final int MAX_REDIRECTS = 5;
    private static final List<String> PROBLEM_TYPES = List.of("application/problem+json", "application/json");

    private final HttpUrl server;
    private final Duration timeout;
    private final OkHttpClient http;

    public PlanClient(HttpUrl server, Duration timeout) {
        this(server, timeout, new OkHttpClient.Builder());
    }

    /** With a builder tests can watch (an event listener counting connection attempts). */
    PlanClient(HttpUrl server, Duration timeout, OkHttpClient.Builder builder) {
        this.server = server;
        this.timeout = timeout;
        if (!server.isHttps()) {
            // without TLS specs OkHttp skips loading the platform trust store: a visible share of a cold start
            builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
        }
        this.http = builder
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                // a body trickling one byte at a time never trips the read timeout: the whole call has a deadline
                .callTimeout(timeout)
                // followed by hand, within the service's origin only
                .followRedirects(false)
                .followSslRedirects(false)
                // the single retry below is explicit, so the number of attempts is what the docs say
                .retryOnConnectionFailure(false)
                .build();
    }

    /** @throws IllegalArgumentException when the text is not an http(s) URL */
    public static HttpUrl parseServer(String text) {
        HttpUrl url = HttpUrl.parse(text.strip());
        if (url == null) {
            throw new IllegalArgumentException("'" + text + "' is not an http:// or https:// URL");
        }
        return url;
    }

    /** The plan in the given rendering, as the service sent it. */
    public String plan(PlanRequest request, Rendering rendering) {
        HttpUrl.Builder url = server.newBuilder().addPathSegment("plan");
        if (rendering.formatParameter() != null) {
            url.addQueryParameter("format", rendering.formatParameter());
        }
        Request httpRequest = new Request.Builder()
                .url(url.build())
                .header("Accept", rendering.accept())
                .header("User-Agent", "torchplan-client")
                .post(RequestBody.create(request.toJson(), JSON))
                .build();
        for (int redirects = 0; ; redirects++) {
            try (Response response = execute(httpRequest)) {
                if (!response.isRedirect()) {
                    return answer(response, rendering);
                }
                httpRequest = httpRequest.newBuilder().url(redirectTarget(response, redirects)).build();
            }
        }
    }

    private String answer(Response response, Rendering rendering) {
        if (response.code() >= 400) {
            // only a JSON body is read as a problem; anything else (a proxy's page) is named by its status alone
            String body = PROBLEM_TYPES.contains(mediaType(response)) ? body(response, true) : "";
            Problem problem = Problem.parse(response.code(), response.message(), body);
            if (response.code() >= 500) {
                throw new ServiceUnreachableException("the torchplan service at " + displayServer() + " failed: "
                        + problem.describe() + System.lineSeparator() + "Try again shortly, or tell its operator.", null);
            }
            throw new ServiceRefusedException(problem);
        }
        if (!response.isSuccessful()) {
            throw new ServiceUnreachableException("the torchplan service at " + displayServer()
                    + " answered HTTP " + response.code() + " instead of a plan. Is TORCHPLAN_URL the service?", null);
        }
        String type = mediaType(response);
        if (!rendering.answerType().equals(type)) {
            throw new Plan.MalformedPlanException("an answer of type " + (type.isEmpty() ? "(none)" : "'" + type + "'") + " where " + rendering.answerType() + " was asked for");
        }
        return body(response, false);
    }

    /** The type and subtype of the answer's content type, lower case, or "" when it has none. */
    private static String mediaType(Response response) {
        MediaType type = response.body().contentType();
        return type == null ? "" : (type.type() + "/" + type.subtype()).toLowerCase(Locale.ROOT);
    }

    /**
     * The body, read up to {@link #MAX_BODY_BYTES}; a larger one is not a plan (or, with {@code lenient}, for a
     * problem, is read as none). A connection closed before the end is reported as a cut answer.
     */
    private String body(Response response, boolean lenient) {
        ResponseBody body = response.body();
        BufferedSource source = body.source();
        try {
            if (body.contentLength() > MAX_BODY_BYTES || source.request(MAX_BODY_BYTES + 1)) {
                if (lenient) {
                    return "";
                }
                throw new Plan.MalformedPlanException("an answer larger than " + MAX_BODY_BYTES / (1024 * 1024)
                        + " MiB (a plan is a few KiB)");
            }
            Charset charset = body.contentType() == null ? null : body.contentType().charset();
            return source.getBuffer().readString(charset == null ? StandardCharsets.UTF_8 : charset);
        } catch (InterruptedIOException tooSlow) {
            throw unreachable(tooSlow);
        } catch (IOException cut) {
            throw new ServiceUnreachableException("the torchplan service at " + displayServer() + " began to answer"
                    + ", but the answer was cut off after " + source.getBuffer().size() + " bytes (" + reason(cut)
                    + "). Try again; if it keeps happening, the service or a proxy in between is dropping the "
                    + "connection.", cut);
        }
    }

    /**
     * Where a redirect leads, when it stays within the service's origin (scheme, host and port): the request goes
     * there unchanged. Another origin is not followed: the plan would come from a server nobody chose.
     */
    private HttpUrl redirectTarget(Response response, int redirects) {
        String location = response.header("Location");
        HttpUrl target = location == null ? null : response.request().url().resolve(location);
        if (target == null) {
            throw new ServiceUnreachableException("the torchplan service at " + displayServer() + " answered HTTP "
                    + response.code() + " (a redirect) without a usable Location. Is TORCHPLAN_URL the service?", null);
        }
        if (!target.scheme().equals(server.scheme()) || !target.host().equals(server.host())
                || target.port() != server.port()) {
            throw new ServiceUnreachableException("the torchplan service at " + displayServer() + " redirected to "
                    + target.scheme() + "://" + target.host() + ":" + target.port()
                    + ", another origin; redirects are followed only within the service's origin. If that is the "
                    + "service, pass it with --server (or TORCHPLAN_URL).", null);
        }
        if (redirects >= MAX_REDIRECTS) {
            throw new ServiceUnreachableException("the torchplan service at " + displayServer() + " redirected more "
                    + "than " + MAX_REDIRECTS + " times. Is TORCHPLAN_URL the service?", null);
        }
        return target;
    }

    private Response execute(Request request) {
        try {
            return http.newCall(request).execute();
        } catch (ConnectException | NoRouteToHostException firstFailure) {
            pauseBeforeRetry();
            try {
                return http.newCall(request).execute();
            } catch (IOException secondFailure) {
                secondFailure.addSuppressed(firstFailure);
                throw unreachable(secondFailure);
            }
        } catch (IOException failure) {
            throw unreachable(failure);
        }
    }

    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private ServiceUnreachableException unreachable(IOException failure) {
        String base = displayServer();
        if (failure instanceof InterruptedIOException) {
            return new ServiceUnreachableException("the torchplan service at " + base + " did not answer within "
                    + timeout.toSeconds() + " s. Check that it is healthy, or allow longer with --timeout.", failure);
        }
        String reason;
        if (failure instanceof ConnectException) {
            // OkHttp wraps the socket's exception; its message says refused, unreachable network, ...
            String socketMessage = rootCause(failure).getMessage();
            reason = socketMessage == null || socketMessage.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused" : socketMessage.toLowerCase(Locale.ROOT);
        } else if (failure instanceof UnknownHostException) {
            reason = "unknown host " + server.host();
        } else if (failure instanceof NoRouteToHostException) {
            reason = "no route to host";
        } else {
            reason = reason(failure);
        }
        return new ServiceUnreachableException(
                "cannot reach the torchplan service at " + base + " (" + reason + "). " + START_HINT, failure);
    }

    private static String reason(IOException failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private String displayServer() {
        String text = server.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
