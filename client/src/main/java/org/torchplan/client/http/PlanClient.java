package org.torchplan.client.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
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

/** Talks to the torchplan service: one call per command, connect/read timeouts, one retry when connecting fails. */
public final class PlanClient {

    /** How to start the service, as the README says; printed when it cannot be reached. */
    public static final String START_HINT =
            "Start it with `./mvnw -B -DskipTests package && java -jar service/target/torchplan-service-exec.jar`, "
                    + "or set TORCHPLAN_URL.";

    private static final MediaType JSON = MediaType.get("application/json");
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

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
        try (Response response = execute(httpRequest)) {
            String body = response.body().string();
            if (response.code() >= 500) {
                Problem problem = Problem.parse(response.code(), response.message(), body);
                throw new ServiceUnreachableException("the torchplan service at " + displayServer() + " failed: "
                        + problem.describe() + System.lineSeparator() + "Try again shortly, or tell its operator.", null);
            }
            if (response.code() >= 400) {
                throw new ServiceRefusedException(Problem.parse(response.code(), response.message(), body));
            }
            if (!response.isSuccessful()) {
                throw new ServiceUnreachableException("the torchplan service at " + displayServer()
                        + " answered HTTP " + response.code() + " instead of a plan. Is TORCHPLAN_URL the service?", null);
            }
            return body;
        } catch (IOException readFailed) {
            throw unreachable(readFailed);
        }
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
            reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        }
        return new ServiceUnreachableException(
                "cannot reach the torchplan service at " + base + " (" + reason + "). " + START_HINT, failure);
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
