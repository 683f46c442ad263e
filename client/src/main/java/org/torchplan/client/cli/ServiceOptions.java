package org.torchplan.client.cli;

import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.torchplan.client.http.PlanClient;
import picocli.CommandLine.Option;

/** How to reach the service. */
final class ServiceOptions {

    static final String DEFAULT_SERVER = "http://localhost:8080";

    @Option(names = "--server", paramLabel = "URL",
            description = "torchplan service URL (env TORCHPLAN_URL; default " + DEFAULT_SERVER + ")")
    String server;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "deadline for the whole call to the service (connect, wait, read), in seconds "
                    + "(default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    /** The validated service URL; checked before detection starts so a typo fails fast. */
    HttpUrl server(CliContext context) {
        String url = Optional.ofNullable(server)
                .or(() -> Optional.ofNullable(context.environment().get("TORCHPLAN_URL")).filter(text -> !text.isBlank()))
                .orElse(DEFAULT_SERVER);
        if (timeoutSeconds <= 0) {
            throw new UsageProblem("--timeout must be a positive number of seconds, not " + timeoutSeconds);
        }
        HttpUrl parsed;
        try {
            parsed = PlanClient.parseServer(url);
        } catch (IllegalArgumentException notUrl) {
            throw new UsageProblem("the service URL " + notUrl.getMessage()
                    + (server == null ? " (from TORCHPLAN_URL)" : "") + "; for example --server http://localhost:8080");
        }
        return parsed;
    }

    PlanClient client(HttpUrl server) {
        return new PlanClient(server, Duration.ofSeconds(timeoutSeconds));
    }
}
