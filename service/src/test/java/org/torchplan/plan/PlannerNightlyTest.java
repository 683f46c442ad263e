package org.torchplan.plan;

import org.torchplan.catalog.model.CatalogSnapshot;

import org.torchplan.catalog.index.PageSnapshots;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.Channel;
import org.torchplan.catalog.model.EntryKey;

import org.torchplan.policy.FleetPolicy;

/**
 * The nightly channel, over pages copied from the recorded nightly index (three dates, cp312 Linux x86_64; the
 * torchvision build of the last date removed, as happens when a nightly build fails).
 */
class PlannerNightlyTest {

    private static final ComputeBackend CU126 = ComputeBackend.parse("cu126");
    private static final CatalogSnapshot NIGHTLY = PageSnapshots.fromPages("https://download.pytorch.org/whl",
            Channel.NIGHTLY, Map.of(
                    new EntryKey(Channel.NIGHTLY, CU126, "torch"), page("cu126-torch.html"),
                    new EntryKey(Channel.NIGHTLY, CU126, "torchvision"), page("cu126-torchvision.html")),
            Instant.parse("2026-05-19T06:15:55Z"));

    private final Planner planner = new Planner();

    @Test
    void nightlyTorchAloneIsTheNewestBuildWithPreOnTheNightlyIndex() {
        PlanResult plan = planner.plan(NIGHTLY,
                PlanRequests.linux().nvidia("570.86.10").channel(Channel.NIGHTLY).build(), FleetPolicy.OPEN);

        assertThat(plan.packages()).extracting(PlannedPackage::pin)
                .containsExactly("torch==2.13.0.dev20260518+cu126");
        assertThat(plan.steps().get(0).argv()).containsExactly("python", "-m", "pip", "install", "--index-url",
                "https://download.pytorch.org/whl/nightly/cu126", "--pre", "torch==2.13.0.dev20260518+cu126");
    }

    @Test
    void nightlyCompanionsPairByBuildDate() {
        PlanResult plan = planner.plan(NIGHTLY, PlanRequests.linux().nvidia("570.86.10").channel(Channel.NIGHTLY)
                .requirements("torch", "torchvision").build(), FleetPolicy.OPEN);

        // the 0518 torchvision is missing, so torch steps back to the newest date both have
        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly(
                "torch==2.13.0.dev20260517+cu126", "torchvision==0.28.0.dev20260517+cu126");
    }

    @Test
    void nightlyUvStepsAllowPreReleases() {
        PlanResult plan = planner.plan(NIGHTLY, PlanRequests.linux().nvidia("570.86.10").channel(Channel.NIGHTLY)
                .installer(Installer.UV).build(), FleetPolicy.OPEN);

        assertThat(plan.steps().get(0).argv()).contains("--prerelease=allow")
                .contains("https://download.pytorch.org/whl/nightly/cu126");
    }

    @Test
    void nightlyPlansHaveNoHashesBecauseTheIndexPublishesNone() {
        PlanResult plan = planner.plan(NIGHTLY,
                PlanRequests.linux().nvidia("570.86.10").channel(Channel.NIGHTLY).build(), FleetPolicy.OPEN);

        assertThat(plan.packages().get(0).sha256()).isNull();
        assertThat(RequirementsFileRendering.render(plan)).doesNotContain("--hash").contains("--pre\n");
    }

    @Test
    void testChannelPlansUseTheTestIndexWithPre() {
        CatalogSnapshot test = PageSnapshots.fromPages("https://download.pytorch.org/whl", Channel.TEST,
                Map.of(new EntryKey(Channel.TEST, CU126, "torch"), page("cu126-torch.html")),
                Instant.parse("2026-05-19T06:15:55Z"));

        PlanResult plan = planner.plan(test, PlanRequests.linux().nvidia("570.86.10").channel(Channel.TEST).build(),
                FleetPolicy.OPEN);

        assertThat(plan.channel()).isEqualTo(Channel.TEST);
        assertThat(plan.steps().get(0).argv()).containsSequence("--index-url",
                "https://download.pytorch.org/whl/test/cu126", "--pre");
    }

    private static String page(String name) {
        try (InputStream input = PlannerNightlyTest.class.getResourceAsStream("/plan/nightly/" + name)) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
