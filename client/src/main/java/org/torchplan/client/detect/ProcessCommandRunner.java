package org.torchplan.client.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs probe commands as real processes, standard error discarded, killed when they exceed their timeout. */
public final class ProcessCommandRunner implements CommandRunner {

    @Override
    public Optional<CommandResult> run(List<String> argv, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | UnsupportedOperationException notStartable) {
            return Optional.empty();
        }
        try {
            process.getOutputStream().close();
            // Read concurrently: a chatty tool would otherwise block on a full pipe and look like a timeout.
            CompletableFuture<String> output =
                    CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), DaemonThreads.INSTANCE);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(new CommandResult(process.exitValue(),
                    output.get(timeout.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Optional.empty();
        } catch (IOException | ExecutionException | TimeoutException | UncheckedIOException unreadable) {
            process.destroyForcibly();
            return Optional.empty();
        }
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
