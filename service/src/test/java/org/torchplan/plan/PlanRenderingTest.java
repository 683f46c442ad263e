package org.torchplan.plan;

import org.torchplan.catalog.model.CatalogSnapshot;

import org.torchplan.catalog.storage.EmbeddedSnapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torchplan.backend.ComputeBackend;
import org.torchplan.catalog.model.CatalogSource;
import org.torchplan.catalog.model.CatalogStatus;
import org.torchplan.catalog.model.Channel;

import org.torchplan.policy.FleetPolicy;

/** The sh and requirements renderings of plans: real plans from the recorded index, and hostile text. */
class PlanRenderingTest {

    private static final CatalogSnapshot RECORDED = EmbeddedSnapshot.stable();
    private static final String HOSTILE = "'; rm -rf / #$(reboot)`id`\"\\\n|&";

    @TempDir
    Path directory;

    @Test
    void requirementsFileListsEveryAcceptableDigestOfEachPin() {
        PlanResult plan = new Planner().plan(RECORDED, PlanRequests.linux().nvidia("570.86.10")
                .requirements("torch", "torchvision", "numpy").build(), FleetPolicy.OPEN);

        String file = RequirementsFileRendering.render(plan);

        assertThat(file).contains("--index-url https://download.pytorch.org/whl/cu126\n")
                .contains("torch==2.12.0+cu126 \\\n    --hash=sha256:" + plan.packages().get(0).sha256())
                .contains("torchvision==0.27.0+cu126 \\\n    --hash=sha256:")
                .contains("#   numpy\n")
                .doesNotContain("--pre");
        for (PlannedPackage planned : plan.packages()) {
            for (String digest : planned.acceptableSha256()) {
                assertThat(file).contains("--hash=sha256:" + digest);
            }
        }
    }

    @Test
    void shellScriptStartsSafely() {
        PlanResult plan = new Planner().plan(RECORDED, PlanRequests.linux().nvidia("570.86.10").build(),
                FleetPolicy.OPEN);

        String script = ShellScriptRendering.render(plan);

        assertThat(script).startsWith("#!/bin/sh\n").contains("\nset -eu\n")
                .contains("\n\"${PYTHON:-python3}\" '-m' 'pip' 'install' '--index-url' "
                        + "'https://download.pytorch.org/whl/cu126' 'torch==2.12.0+cu126'\n");
    }

    @Test
    void shRunsExactlyThePlannedArgumentsEvenWhenTheyAreHostile() throws Exception {
        Path sh = Path.of("/bin/sh");
        assumeTrue(Files.isExecutable(sh), "no /bin/sh on this machine: the script cannot be run");
        Path recorder = directory.resolve("record-arguments");
        Path record = directory.resolve("arguments");
        Files.writeString(recorder, "#!/bin/sh\nfor argument in \"$@\"; do printf '%s\\000' \"$argument\"; done >> '"
                + record + "'\n");
        Files.setPosixFilePermissions(recorder, PosixFilePermissions.fromString("rwx------"));
        List<String> first = List.of("python", "-m", "pip", "install", "--index-url", "https://x.example/whl/cu126",
                "torch==2.12.0+cu126", HOSTILE, "it's", "$HOME", "*");
        List<String> second = List.of("python", "-m", "pip", "install", "--index-url", "https://pypi.example/simple",
                "numpy; python_version >= '3.9'", "torch==2.12.0+cu126");
        PlanResult plan = plan(List.of(new InstallStep("first " + HOSTILE, first), new InstallStep("second", second)),
                List.of("explained " + HOSTILE));

        ProcessBuilder recorded = new ProcessBuilder(sh.toString(), "-c", ShellScriptRendering.render(plan))
                .directory(directory.toFile())
                .redirectErrorStream(true);
        recorded.environment().put("PYTHON", recorder.toString());
        Process run = recorded.start();
        run.getOutputStream().close();
        String runOutput = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(runOutput).isZero();

        List<String> expected = new ArrayList<>(first.subList(1, first.size()));
        expected.addAll(second.subList(1, second.size()));
        assertThat(Arrays.asList(Files.readString(record).split("\u0000", -1)))
                .as("arguments the planned commands received")
                .isEqualTo(withTrailingEmpty(expected));
        assertThat(Files.list(directory).map(path -> path.getFileName().toString()))
                .containsExactlyInAnyOrder("record-arguments", "arguments");
    }

    private static List<String> withTrailingEmpty(List<String> arguments) {
        List<String> split = new ArrayList<>(arguments);
        split.add("");
        return split;
    }

    @Test
    void thirdPartyDataThatIsNotAFreshLiveReadIsAWarningAndLiveDataIsNot() {
        java.time.Instant fetched = java.time.Instant.parse("2026-11-29T10:00:00Z");
        PlanResult planned = plan(List.of(), List.of());

        PlanResult persisted = planned.withThirdPartyCatalog(new CatalogStatus(CatalogSource.PERSISTED, fetched, false));
        PlanResult live = planned.withThirdPartyCatalog(new CatalogStatus(CatalogSource.LIVE, fetched, false));

        assertThat(persisted.thirdPartyCatalog().source()).isEqualTo(CatalogSource.PERSISTED);
        assertThat(persisted.warnings()).singleElement().asString()
                .startsWith("the third-party index data of this environment is").contains("2026-11-29T10:00:00Z");
        assertThat(live.warnings()).isEmpty();
        assertThat(live.agedAt(fetched, java.time.Duration.ofDays(1)).thirdPartyCatalog())
                .isEqualTo(live.thirdPartyCatalog());
    }

    @Test
    void aLockWithAWheelWhoseDependenciesAreUnknownIsWrittenWithoutHashesAndSaysSo() {
        LockedPackage torch = new LockedPackage("torch", "2.5.1+cu124", "torch-2.5.1+cu124-cp312-cp312-linux_x86_64.whl",
                "https://x.example/torch.whl", "a".repeat(64), List.of("a".repeat(64)), LockedPackage.PYTORCH_INDEX,
                List.of("root (torch)"), false, false);
        LockedPackage numpy = new LockedPackage("numpy", "2.1.3", "numpy-2.1.3-cp312-cp312-manylinux_2_17_x86_64.whl",
                "https://y.example/numpy.whl", "b".repeat(64), List.of("b".repeat(64)), LockedPackage.THIRD_PARTY_INDEX,
                List.of("root (numpy)"), false, true);
        PlanResult planned = plan(List.of(), List.of());
        PlanResult withEnvironment = new PlanResult(planned.backend(), planned.channel(), planned.packages(),
                planned.steps(), planned.explanation(), planned.warnings(), planned.catalog(), planned.indexUrl(),
                false, List.of(), planned.otherIndexUrl(), List.of(torch, numpy));
        PlanResult complete = new PlanResult(planned.backend(), planned.channel(), planned.packages(),
                planned.steps(), planned.explanation(), planned.warnings(), planned.catalog(), planned.indexUrl(),
                false, List.of(), planned.otherIndexUrl(), List.of(numpy));

        assertThat(RequirementsFileRendering.render(withEnvironment)).contains("# Incomplete:")
                .contains("torch==2.5.1+cu124\n").doesNotContain("--hash");
        assertThat(RequirementsFileRendering.render(complete)).contains("--hash=sha256:" + "b".repeat(64))
                .contains("--require-hashes");
    }

    private static PlanResult plan(List<InstallStep> steps, List<String> explanation) {
        return new PlanResult(ComputeBackend.parse("cu126"), Channel.STABLE, List.of(), steps, explanation,
                List.of(), new CatalogStatus(CatalogSource.SNAPSHOT, null, false), "https://x.example/whl/cu126",
                false, List.of(), FleetPolicy.PYPI_INDEX_URL);
    }

}
