package org.torchplan.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.torchplan.client.detect.HostSystem;
import org.torchplan.client.http.PlanRequest;
import org.torchplan.client.run.InstalledDistributions.Installed;

/** What is installed goes with the request while the body stays within what the service takes (64 KiB). */
class InstalledInTheRequestTest {

    private static final PlanRequest REQUEST = new PlanRequest(List.of("torch"), "cp312", "linux", "x86_64",
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CliContext context = new CliContext(Map.of(), new PrintStream(new ByteArrayOutputStream(), true),
            new PrintStream(err, true, StandardCharsets.UTF_8), HostSystem.current());

    @Test
    void aUsualEnvironmentGoesWithTheRequest() {
        List<Installed> installed = distributions(300);

        PlanRequest sent = PlanOptions.withInstalledIfItFits(REQUEST, installed, context);

        assertThat(sent.installed()).isEqualTo(installed);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anEnvironmentTooLargeForABodyIsLeftOutAndTheUserIsTold() {
        PlanRequest sent = PlanOptions.withInstalledIfItFits(REQUEST, distributions(2000), context);

        assertThat(sent.installed()).isEmpty();
        assertThat(sent.toJson().length()).isLessThan(64 * 1024);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("the interpreter has 2000 distributions installed, more than a request carries");
    }

    private static List<Installed> distributions(int count) {
        List<Installed> installed = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            installed.add(new Installed("some-rather-long-distribution-name-" + index, "1.2." + index));
        }
        return installed;
    }
}
