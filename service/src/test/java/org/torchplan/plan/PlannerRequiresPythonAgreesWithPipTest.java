package org.torchplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.torchplan.packaging.Requirement;
import org.torchplan.packaging.Target;
import org.torchplan.policy.FleetPolicy;
import org.torchplan.testsupport.LoopbackWheelIndex;
import org.torchplan.testsupport.PipPlatforms;
import org.torchplan.testsupport.PipRunner;
import org.torchplan.testsupport.PytorchReleaseMatrix;
import org.torchplan.testsupport.RecordedIndexPages;

/**
 * The loopback index marks every cpu torch 2.12.0 wheel {@code data-requires-python=">=3.99"}: the planner reads it
 * through the real catalog and passes over 2.12.0, and pip, asked for the same machine, refuses it too.
 */
class PlannerRequiresPythonAgreesWithPipTest {

    @Test
    void pipAndThePlannerBothPassOverATorchMarkedForAnotherPython() throws Exception {
        RecordedIndexPages recorded = new RecordedIndexPages();
        LoopbackWheelIndex index = LoopbackWheelIndex.start(new PytorchReleaseMatrix(),
                directory -> recorded.page(directory).map(PlannerRequiresPythonAgreesWithPipTest::markNewestCpuTorch));
        try (LoopbackPlanning planning = LoopbackPlanning.start(index, List.of("torch"))) {
            PlanRequest request = PlanRequests.linux().python("cp312").glibc("2.28").backend("cpu")
                    .requirements("torch").build();

            PlanResult plan = new Planner().plan(planning.snapshotFor(request), request, FleetPolicy.OPEN);
            Target target = request.target();
            PipRunner.DryRun pip = PipRunner.locate().dryRun(index.indexUrl("cpu"),
                    request.requirements().stream().map(Requirement::toString).toList(), target.python().version(),
                    PipPlatforms.of(target), target.python().abiTag(), "cp", List.of("--no-cache-dir"));

            assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.11.0+cpu");
            assertThat(pip.result().succeeded()).as(pip.result().output()).isTrue();
            assertThat(LoopbackPlanning.choicesOf(pip.choices()))
                    .containsExactlyInAnyOrderElementsOf(LoopbackPlanning.choicesOf(plan));
        }
    }

    private static String markNewestCpuTorch(String page) {
        return page.replaceAll("(<a href=\"[^\"]*torch-2\\.12\\.0%2Bcpu-[^\"]*\")",
                "$1 data-requires-python=\"&gt;=3.99\"");
    }
}
