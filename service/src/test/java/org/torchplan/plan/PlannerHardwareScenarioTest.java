package org.torchplan.plan;

import org.torchplan.catalog.model.CatalogSnapshot;

import org.torchplan.catalog.storage.EmbeddedSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.torchplan.policy.FleetPolicy;

/**
 * NVIDIA machines of every generation against the driver branches fleets run, on Linux and Windows, planned over
 * the recorded stable index of 2026-05-19 (newest-torch, cp312). The expected plans are worked out by hand from the
 * architecture lists, the driver tables and the index, so a changed row shows up here.
 */
class PlannerHardwareScenarioTest {

    private static final CatalogSnapshot RECORDED = EmbeddedSnapshot.stable();
    private static final Planner PLANNER = new Planner();

    /**
     * Expected warnings, besides the snapshot's own: {@code none}; {@code inferred} (the planned build's list was
     * not read); {@code driver} (the driver cannot run the GPU at all, so cpu); {@code unused} (no CUDA build the
     * driver runs carries kernels for the GPU, so cpu).
     *
     * <p>Windows drivers are numbered within the same branches: 474.64 is R470, 538.78 R535, 553.62 R550,
     * 573.48 R570, 581.57 R580.
     */
    @ParameterizedTest(name = "{0} driver {1}, compute capability {2}: {3} ({4})")
    @CsvSource({
            // Kepler: no torch 2.x CUDA build carries 3.5 (cu118 starts at 3.7, CUDA 12 at 5.0); drivers after R470
            // do not run it at all
            "linux, 470.256.02, 3.5, torch==2.12.0+cpu, unused",
            "linux, 535.247.01, 3.5, torch==2.12.0+cpu, driver",
            "linux, 550.163.01, 3.5, torch==2.12.0+cpu, driver",
            "linux, 570.172.08, 3.5, torch==2.12.0+cpu, driver",
            "linux, 580.95.05, 3.5, torch==2.12.0+cpu, driver",
            "windows, 474.64, 3.5, torch==2.12.0+cpu, unused",
            "windows, 538.78, 3.5, torch==2.12.0+cpu, driver",
            "windows, 553.62, 3.5, torch==2.12.0+cpu, driver",
            "windows, 573.48, 3.5, torch==2.12.0+cpu, driver",
            "windows, 581.57, 3.5, torch==2.12.0+cpu, driver",
            // Maxwell, Pascal, Volta: R470 runs CUDA 11 only (newest cu118 torch 2.7.1, list inferred); CUDA 12
            // drivers get torch 2.12 on cu126, the one 2.12 build that still carries them; R580 is their last branch
            "linux, 470.256.02, 5.0, torch==2.7.1+cu118, inferred",
            "linux, 535.247.01, 5.0, torch==2.12.0+cu126, none",
            "linux, 550.163.01, 5.0, torch==2.12.0+cu126, none",
            "linux, 570.172.08, 5.0, torch==2.12.0+cu126, none",
            "linux, 580.95.05, 5.0, torch==2.12.0+cu126, none",
            "windows, 474.64, 5.0, torch==2.7.1+cu118, inferred",
            "windows, 538.78, 5.0, torch==2.12.0+cu126, none",
            "windows, 553.62, 5.0, torch==2.12.0+cu126, none",
            "windows, 573.48, 5.0, torch==2.12.0+cu126, none",
            "windows, 581.57, 5.0, torch==2.12.0+cu126, none",
            "linux, 470.256.02, 6.1, torch==2.7.1+cu118, inferred",
            "linux, 535.247.01, 6.1, torch==2.12.0+cu126, none",
            "linux, 550.163.01, 6.1, torch==2.12.0+cu126, none",
            "linux, 570.172.08, 6.1, torch==2.12.0+cu126, none",
            "linux, 580.95.05, 6.1, torch==2.12.0+cu126, none",
            "windows, 474.64, 6.1, torch==2.7.1+cu118, inferred",
            "windows, 538.78, 6.1, torch==2.12.0+cu126, none",
            "windows, 553.62, 6.1, torch==2.12.0+cu126, none",
            "windows, 573.48, 6.1, torch==2.12.0+cu126, none",
            "windows, 581.57, 6.1, torch==2.12.0+cu126, none",
            "linux, 470.256.02, 7.0, torch==2.7.1+cu118, inferred",
            "linux, 535.247.01, 7.0, torch==2.12.0+cu126, none",
            "linux, 550.163.01, 7.0, torch==2.12.0+cu126, none",
            "linux, 570.172.08, 7.0, torch==2.12.0+cu126, none",
            "linux, 580.95.05, 7.0, torch==2.12.0+cu126, none",
            "windows, 474.64, 7.0, torch==2.7.1+cu118, inferred",
            "windows, 538.78, 7.0, torch==2.12.0+cu126, none",
            "windows, 553.62, 7.0, torch==2.12.0+cu126, none",
            "windows, 573.48, 7.0, torch==2.12.0+cu126, none",
            "windows, 581.57, 7.0, torch==2.12.0+cu126, none",
            // Turing and Ampere: every build from cu118 to cu132 carries them; R580 reaches CUDA 13
            "linux, 470.256.02, 7.5, torch==2.7.1+cu118, inferred",
            "linux, 535.247.01, 7.5, torch==2.12.0+cu126, none",
            "linux, 550.163.01, 7.5, torch==2.12.0+cu126, none",
            "linux, 570.172.08, 7.5, torch==2.12.0+cu126, none",
            "linux, 580.95.05, 7.5, torch==2.12.0+cu132, none",
            "windows, 474.64, 7.5, torch==2.7.1+cu118, inferred",
            "windows, 538.78, 7.5, torch==2.12.0+cu126, none",
            "windows, 553.62, 7.5, torch==2.12.0+cu126, none",
            "windows, 573.48, 7.5, torch==2.12.0+cu126, none",
            "windows, 581.57, 7.5, torch==2.12.0+cu132, none",
            "linux, 470.256.02, 8.6, torch==2.7.1+cu118, inferred",
            "linux, 535.247.01, 8.6, torch==2.12.0+cu126, none",
            "linux, 550.163.01, 8.6, torch==2.12.0+cu126, none",
            "linux, 570.172.08, 8.6, torch==2.12.0+cu126, none",
            "linux, 580.95.05, 8.6, torch==2.12.0+cu132, none",
            "windows, 474.64, 8.6, torch==2.7.1+cu118, inferred",
            "windows, 538.78, 8.6, torch==2.12.0+cu126, none",
            "windows, 553.62, 8.6, torch==2.12.0+cu126, none",
            "windows, 573.48, 8.6, torch==2.12.0+cu126, none",
            "windows, 581.57, 8.6, torch==2.12.0+cu132, none",
            // Hopper needs the CUDA 11.8 driver (520.61.05 / 520.06): R470 cannot run it
            "linux, 470.256.02, 9.0, torch==2.12.0+cpu, driver",
            "linux, 535.247.01, 9.0, torch==2.12.0+cu126, none",
            "linux, 550.163.01, 9.0, torch==2.12.0+cu126, none",
            "linux, 570.172.08, 9.0, torch==2.12.0+cu126, none",
            "linux, 580.95.05, 9.0, torch==2.12.0+cu132, none",
            "windows, 474.64, 9.0, torch==2.12.0+cpu, driver",
            "windows, 538.78, 9.0, torch==2.12.0+cu126, none",
            "windows, 553.62, 9.0, torch==2.12.0+cu126, none",
            "windows, 573.48, 9.0, torch==2.12.0+cu126, none",
            "windows, 581.57, 9.0, torch==2.12.0+cu132, none",
            // Blackwell needs the CUDA 12.8 driver (570.26 / 570.65). On R570 the newest build with sm_100/sm_120 is
            // torch 2.11: cu129 on Linux (list inferred), cu128 on Windows (no cu129 build of 2.10/2.11 there);
            // cu126 never carries Blackwell
            "linux, 470.256.02, 10.0, torch==2.12.0+cpu, driver",
            "linux, 535.247.01, 10.0, torch==2.12.0+cpu, driver",
            "linux, 550.163.01, 10.0, torch==2.12.0+cpu, driver",
            "linux, 570.172.08, 10.0, torch==2.11.0+cu129, inferred",
            "linux, 580.95.05, 10.0, torch==2.12.0+cu132, none",
            "windows, 474.64, 10.0, torch==2.12.0+cpu, driver",
            "windows, 538.78, 10.0, torch==2.12.0+cpu, driver",
            "windows, 553.62, 10.0, torch==2.12.0+cpu, driver",
            "windows, 573.48, 10.0, torch==2.11.0+cu128, none",
            "windows, 581.57, 10.0, torch==2.12.0+cu132, none",
            "linux, 470.256.02, 12.0, torch==2.12.0+cpu, driver",
            "linux, 535.247.01, 12.0, torch==2.12.0+cpu, driver",
            "linux, 550.163.01, 12.0, torch==2.12.0+cpu, driver",
            "linux, 570.172.08, 12.0, torch==2.11.0+cu129, inferred",
            "linux, 580.95.05, 12.0, torch==2.12.0+cu132, none",
            "windows, 474.64, 12.0, torch==2.12.0+cpu, driver",
            "windows, 538.78, 12.0, torch==2.12.0+cpu, driver",
            "windows, 553.62, 12.0, torch==2.12.0+cpu, driver",
            "windows, 573.48, 12.0, torch==2.11.0+cu128, none",
            "windows, 581.57, 12.0, torch==2.12.0+cu132, none",
    })
    void plansEachGenerationForEachDriverBranch(String os, String driver, String capability, String pin,
            String warning) {
        PlanRequests request = os.equals("linux") ? PlanRequests.linux() : PlanRequests.windows();
        PlanResult plan = PLANNER.plan(RECORDED, request.nvidia(driver, capability).build(), FleetPolicy.OPEN);

        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly(pin);
        List<String> hardware = hardwareWarnings(plan);
        String platform = os.equals("linux") ? "linux-x86_64" : "windows-x86_64";
        switch (warning) {
            case "none" -> assertThat(hardware).isEmpty();
            case "inferred" -> assertThat(hardware).singleElement().asString().startsWith("the architecture list of torch "
                    + series(pin) + " " + backend(pin) + " (" + platform + ") is inferred, not read");
            case "driver" -> assertThat(hardware).hasSize(2)
                    .anySatisfy(line -> assertThat(line).startsWith("driver " + driver + " cannot run compute capability "
                            + capability))
                    .anySatisfy(line -> assertThat(line).startsWith("the GPU goes unused"));
            case "unused" -> assertThat(hardware).singleElement().asString()
                    .startsWith("the GPU goes unused: no accelerated backend has a full set");
            default -> throw new IllegalArgumentException(warning);
        }
        assertThat(plan.explanation()).doesNotHaveDuplicates();
    }

    @Test
    void eachBackendLeftOutForMissingKernelsIsExplainedOnceWithItsList() {
        // the duplicate: "cu132: torch 2.12 builds carry no kernels ..." and "cu132: torch 2.12 cu132 builds ..."
        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.linux().nvidia("580.95.05", "6.1").build(),
                FleetPolicy.OPEN);

        for (String backend : List.of("cu132", "cu130", "cu129", "cu128")) {
            assertThat(plan.explanation()).filteredOn(line -> line.startsWith(backend + ": "))
                    .singleElement().asString().contains("carry no kernels for compute capability 6.1", "its list is");
        }
        assertThat(plan.explanation()).contains("cu130: torch 2.9 to 2.12 builds carry no kernels for compute"
                + " capability 6.1 (torch 2.12: its list is 7.5;8.0;8.6;9.0;10.0;12.0+PTX)");
    }

    @Test
    void kepler35NeverGetsACudaBuildAndTheExplanationSaysWhy() {
        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.linux().nvidia("470.256.02", "3.5").build(),
                FleetPolicy.OPEN);

        assertThat(plan.explanation()).anySatisfy(line -> assertThat(line)
                .startsWith("cu118: torch 2.2 to 2.7 builds carry no kernels for compute capability 3.5")
                .contains("3.7;5.0;6.0;7.0;7.5;8.0;8.6;9.0"));
    }

    @Test
    void anUnknownAnswerIsPlannedWithAWarningNamingTheBuild() {
        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.windows().nvidia("573.48", "6.1").backend("cu128")
                .requirements("torch<2.10").build(), FleetPolicy.OPEN);

        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.9.1+cu128");
        assertThat(hardwareWarnings(plan)).singleElement().asString()
                .startsWith("not known whether torch 2.9 cu128 (windows-x86_64) carries kernels for compute"
                        + " capability 6.1")
                .contains("not established below 7.0");
    }

    @Test
    void kernelsOnlyThroughPtxArePlannedWithAStartUpWarning() {
        // torch 2.5's Windows cu118 build carries 3.7+PTX: a Blackwell GPU runs it only by compiling that PTX
        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.windows().nvidia("581.57", "12.0")
                .requirements("torch==2.5.1").build(), FleetPolicy.OPEN);

        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.5.1+cu118");
        assertThat(hardwareWarnings(plan)).singleElement().asString()
                .contains("torch 2.5 cu118 (windows-x86_64) has no machine code for compute capability 12.0",
                        "compute_37", "first start compiles");
    }

    @Test
    void ptxTheDriverCannotCompileIsNoCandidate() {
        // a device newer than every listed major reaches torch 2.8 cu129 only through compute_120 PTX, which needs
        // the CUDA 12.9 driver 575.51.03; minor version compatibility lets 570 run cu129, not compile its PTX
        PlanResult tooOld = PLANNER.plan(RECORDED, PlanRequests.linux().nvidia("570.172.08", "13.0")
                .requirements("torch==2.8.0").build(), FleetPolicy.OPEN);
        PlanResult newEnough = PLANNER.plan(RECORDED, PlanRequests.linux().nvidia("575.64.05", "13.0")
                .requirements("torch==2.8.0").build(), FleetPolicy.OPEN);

        assertThat(tooOld.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.8.0+cpu");
        assertThat(tooOld.explanation()).anySatisfy(line -> assertThat(line).startsWith("cu129: ")
                .contains("575.51.03", "minor version compatibility does not cover compiling PTX"));
        assertThat(newEnough.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.8.0+cu129");
        assertThat(hardwareWarnings(newEnough)).singleElement().asString().contains("compute_120");
    }

    @Test
    void withoutAComputeCapabilityThePlanSaysItWasNotChecked() {
        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.linux().nvidia("570.86.10").build(), FleetPolicy.OPEN);

        assertThat(hardwareWarnings(plan)).singleElement().asString()
                .startsWith("no compute capability given: not checked whether torch 2.12.0+cu126 carries kernels");
    }

    @Test
    void anAmdBuildIsCheckedPerTorchRelease() {
        // gfx1151 is in torch 2.11's rocm7.2 list only; 2.12 rocm7.2 is inferred from it
        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.linux().amd("gfx1151").build(), FleetPolicy.OPEN);

        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.12.0+rocm7.2");
        assertThat(hardwareWarnings(plan)).singleElement().asString()
                .startsWith("the architecture list of torch 2.12 rocm7.2 is inferred, not read");
    }

    @Test
    void anAmdArchitectureOnlyNewerRocmBuildsCarryLimitsTheCandidates() {
        // gfx950 (MI350) arrived with rocm7.0, so rocm6.4 is no candidate; torch 2.10 is built for rocm7.0 and 7.1
        PlanResult plan = PLANNER.plan(RECORDED, PlanRequests.linux().amd("gfx950").requirements("torch<2.11")
                .build(), FleetPolicy.OPEN);

        assertThat(plan.packages()).extracting(PlannedPackage::pin).containsExactly("torch==2.10.0+rocm7.1");
        assertThat(plan.explanation()).contains("gfx950 is carried by builds for rocm7.2, rocm7.1, rocm7.0; each"
                + " torch release's list is checked");
    }

    private static List<String> hardwareWarnings(PlanResult plan) {
        return plan.warnings().stream().filter(line -> !line.startsWith("planned from the embedded snapshot")
                && !line.startsWith("planned ")).toList();
    }

    private static String series(String pin) {
        String version = pin.substring(pin.indexOf("==") + 2, pin.indexOf('+'));
        return version.substring(0, version.lastIndexOf('.'));
    }

    private static String backend(String pin) {
        return pin.substring(pin.indexOf('+') + 1);
    }
}
