package org.torchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.index.PageSnapshots;
import org.torchplan.catalog.model.CatalogSnapshot;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.EntryKey;
import org.torchplan.policy.FleetPolicy;

/** A wheel whose {@code data-requires-python} excludes the target's Python does not qualify, as pip refuses it. */
class PlannerRequiresPythonTest {

    private static final ComputeBackend CPU = ComputeBackend.parse("cpu");
    private final Planner planner = new Planner();

    @Test
    void theNewestTorchMarkedForAnotherPythonIsPassedOver() {
        PlanResult plan = planner.plan(snapshot("&gt;=3.99"),
                PlanRequests.linux().python("cp312").backend("cpu").build(), FleetPolicy.OPEN);

        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.9.1+cpu");
    }

    @Test
    void aRequiresPythonThatAdmitsTheTargetKeepsTheWheel() {
        // 3.12 is judged as 3.12.0, as pip pads it: ">=3.12.0" admits it, ">3.12" does not
        PlanResult admitted = planner.plan(snapshot("&gt;=3.12.0"),
                PlanRequests.linux().python("cp312").backend("cpu").build(), FleetPolicy.OPEN);
        PlanResult excluded = planner.plan(snapshot("&gt;3.12"),
                PlanRequests.linux().python("cp312").backend("cpu").build(), FleetPolicy.OPEN);

        assertThat(admitted.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.10.0+cpu");
        assertThat(excluded.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.9.1+cpu");
    }

    @Test
    void anUnparseableRequiresPythonIsIgnoredAsPipIgnoresIt() {
        PlanResult plan = planner.plan(snapshot("not a specifier"),
                PlanRequests.linux().python("cp312").backend("cpu").build(), FleetPolicy.OPEN);

        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.10.0+cpu");
    }

    private static CatalogSnapshot snapshot(String newestRequiresPython) {
        String root = "https://download.pytorch.org/whl";
        String html = "<!DOCTYPE html><html><body><h1>Links for torch</h1>\n"
                + link(root, "torch-2.10.0%2Bcpu-cp312-cp312-manylinux_2_28_x86_64.whl", newestRequiresPython)
                + link(root, "torch-2.9.1%2Bcpu-cp312-cp312-manylinux_2_28_x86_64.whl", "&gt;=3.10")
                + "</body></html>\n";
        return PageSnapshots.fromPages(root, Channel.STABLE, Map.of(new EntryKey(Channel.STABLE, CPU, "torch"), html),
                Instant.parse("2026-05-19T06:15:55Z"));
    }

    private static String link(String root, String file, String requiresPython) {
        return "<a href=\"" + root + "/cpu/" + file + "\" data-requires-python=\"" + requiresPython + "\">"
                + file.replace("%2B", "+") + "</a><br/>\n";
    }
}
