package org.torchplan.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged jar started the way the container image starts it, with the bean graph Spring AOT fixed at build time
 * ({@code -Dspring.aot.enabled=true}), answers as the same jar started without it: the same plan, the fleet policy
 * given at start applied, the actuator and the API documentation served. Runs after {@code package} (failsafe), on
 * the real jar, as its own process.
 */
class AotStartIT {

    private static final Path JAR = Path.of("target", "torchplan-service-exec.jar");
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final String PLAN = "{\"requirements\":[\"torch\",\"torchvision\"],\"python\":\"cp312\","
            + "\"platform\":{\"os\":\"linux\",\"arch\":\"x86_64\",\"glibc\":\"2.35\"},"
            + "\"gpu\":{\"vendor\":\"nvidia\",\"driverVersion\":\"570.86.10\"}}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theAotStartAnswersAsTheUsualStart(@TempDir Path data) throws Exception {
        assertThat(JAR).as("the packaged jar (mvn package before the integration tests)").isRegularFile();

        JsonNode aot = planFromAStart(true, data.resolve("aot"));
        JsonNode usual = planFromAStart(false, data.resolve("usual"));

        assertThat(aot.path("backend").asString()).isEqualTo("cu126"); // the policy below, not the newest (cu128)
        for (String field : List.of("backend", "wheels", "steps", "policy")) {
            assertThat(aot.path(field)).as(field).isEqualTo(usual.path(field));
        }
    }

    private JsonNode planFromAStart(boolean springAot, Path data) throws Exception {
        Files.createDirectories(data);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (springAot) {
            command.add("-Dspring.aot.enabled=true");
        }
        command.addAll(List.of("-jar", JAR.toString(), "--server.port=0", "--server.address=127.0.0.1",
                "--torchplan.catalog.offline=true", "--torchplan.catalog.data-dir=" + data,
                "--torchplan.warmup.enabled=false", "--torchplan.policy.allowed-backends=cu126,cpu"));
        Process service = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            int port = portOf(service);
            String base = "http://127.0.0.1:" + port;
            awaitReady(base);

            assertThat(get(base + "/actuator/prometheus").statusCode()).isEqualTo(200);
            assertThat(get(base + "/v3/api-docs").body()).contains("\"/plan\"");
            HttpResponse<String> plan = http.send(HttpRequest.newBuilder(URI.create(base + "/plan"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(PLAN))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(base + "/plan"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"requirements\":"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            return json.readTree(plan.body());
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    /** The port Tomcat reports, read from the log; the rest of the log is drained so the process never blocks. */
    private static int portOf(Process service) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder log = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    Matcher matcher = PORT.matcher(line);
                    if (matcher.find()) {
                        port.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
            } catch (IOException closed) {
                // the process ended
            }
            synchronized (log) {
                port.completeExceptionally(new IllegalStateException("the service exited before it listened:\n" + log));
            }
        }, "service-log");
        reader.setDaemon(true);
        reader.start();
        return port.get(180, TimeUnit.SECONDS);
    }

    private void awaitReady(String base) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            try {
                if (get(base + "/actuator/health/readiness").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready within 180 s: " + base);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
