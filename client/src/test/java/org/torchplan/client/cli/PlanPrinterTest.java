package org.torchplan.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.torchplan.client.http.Plan;

class PlanPrinterTest {

    /** The service answers "backend": null when no PyTorch package is asked for on the machine. */
    @Test
    void aPlanWithoutPytorchPackagesIsPrintedWithoutABackend() {
        Plan plan = Plan.parse("""
                {"backend": null, "channel": "stable", "packages": [],
                 "steps": [{"description": "Requirements from https://pypi.org/simple",
                            "argv": ["python", "-m", "pip", "install", "--index-url", "https://pypi.org/simple", "requests"]}],
                 "explanation": ["no PyTorch package is asked for on this machine: nothing comes from the PyTorch index"],
                 "warnings": [], "catalog": {"source": "live", "fetchedAt": "2026-11-30T00:00:00Z", "stale": false}}
                """);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        PlanPrinter.print(plan, new PrintStream(bytes, true, StandardCharsets.UTF_8), step -> step.argv());

        assertThat(plan.backend()).isEmpty();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .contains("Plan: no PyTorch package for this machine, channel stable")
                .contains("requests")
                .doesNotContain("backend ,");
    }
}
