package org.torchplan.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.torchplan.catalog.model.CompanionPairing;
import org.torchplan.catalog.model.CompanionReleaseTable;
import org.torchplan.packaging.Version;

class PytorchReleaseMatrixTest {

    private static final PytorchReleaseMatrix MATRIX = new PytorchReleaseMatrix();
    private static final Pattern FOLDER = Pattern.compile("href=\"([A-Za-z0-9._-]+)/\"");

    @ParameterizedTest(name = "{0} {1} -> torch {2}")
    @CsvSource(nullValues = "none", textBlock = """
            torchvision, 0.15.1,                        2.0.0
            torchvision, 0.15.2+cu118,                  2.0.1
            torchaudio,  2.0.1,                         2.0.0
            torchaudio,  2.0.2+cpu,                     2.0.1
            torchvision, 0.16.0+cu121,                  2.1.0
            torchvision, 0.20.1+rocm6.2,                2.5.1
            torchvision, 0.24.0+e437e35,                2.9.0
            torchvision, 0.26.0+cu130,                  2.11.0
            torchvision, 0.27.0+cu126,                  2.12.0
            torchaudio,  2.11.0+xpu,                    2.11.0
            torchvision, 0.15.0+cpu,                    2.0.0
            torchaudio,  2.0.0+cpu,                     2.0.0
            torchvision, 0.14.1+cu117,                  1.13.1
            torchvision, 0.13.0,                        1.12.0
            torchaudio,  0.12.0+cpu,                    1.12.0
            torchvision, 0.11.3,                        1.10.2
            torchvision, 0.11.1+cu113,                  1.10.0
            torchaudio,  0.10.2,                        1.10.2
            torchvision, 0.9.0,                         1.8.0
            torchaudio,  0.13.1,                        1.13.1
            torchvision, 0.27.0.dev20260407+cu128,      2.12.0.dev20260407
            torchvision, 0.26.0.dev20260323+cu128,      2.12.0.dev20260323
            torchvision, 0.28.0.dev20260518+cpu,        2.13.0.dev20260518
            torchaudio,  2.11.0.dev20260320+cpu,        2.12.0.dev20260320
            torchvision, 0.27.0.dev20200101+cpu,        none
            torchvision, 0.8.2,                         none
            torchvision, 0.6.0,                         none
            torchvision, 0.2.0,                         none
            torchaudio,  0.5.0,                         none
            torch,       2.12.0+cu126,                  none
            xformers,    0.0.30,                        none
            torchvision, 0.27.0rc1,                     none
            torchvision, 0.27.0a0,                      none
            """)
    void companionRequiresTheTorchTheReleaseTableOrItsBuildDayPairsItWith(
            String packageName, String version, String torchVersion) {
        assertThat(MATRIX.pairedTorchVersion(packageName, version)).isEqualTo(torchVersion);
    }

    @Test
    void everyCompanionReleaseOfTheTableRequiresTheTorchOfItsRow() {
        for (CompanionReleaseTable.Row row : CompanionReleaseTable.rows()) {
            for (String companion : CompanionReleaseTable.COMPANIONS) {
                for (String release : row.releases(companion)) {
                    assertThat(MATRIX.pairedTorchVersion(companion, release + "+cpu"))
                            .as("%s %s", companion, release).isEqualTo(row.torch());
                }
            }
        }
    }

    /** The loopback index and the planner agree: what a generated companion requires, the service pairs it with. */
    @Test
    void everyRecordedCompanionRequiresATorchTheServicePairsItWith() {
        CompanionPairing service = new CompanionPairing();
        List<String[]> checked = new ArrayList<>();
        for (String[] build : recordedCompanionBuilds()) {
            String torch = MATRIX.pairedTorchVersion(build[0], build[1]);
            if (torch == null) {
                continue;
            }
            checked.add(build);
            assertThat(service.match(build[0], Version.parse(build[1]), Version.parse(torch)))
                    .as("%s %s with torch %s", build[0], build[1], torch)
                    .isEqualTo(CompanionPairing.Match.PAIRED);
        }
        assertThat(checked).hasSizeGreaterThan(1000);
    }

    @Test
    void everyRecordedNightlyCompanionHasATorchNightlyOfItsDay() {
        List<String> nightlies = new ArrayList<>();
        for (String[] build : recordedCompanionBuilds()) {
            if (build[1].contains(".dev")) {
                nightlies.add(build[1]);
                assertThat(MATRIX.pairedTorchVersion(build[0], build[1])).as("%s %s", build[0], build[1]).isNotNull();
            }
        }
        assertThat(nightlies).isNotEmpty();
    }

    /** (package, version) of every torchvision and torchaudio wheel on the recorded stable and nightly pages. */
    private static List<String[]> recordedCompanionBuilds() {
        RecordedIndexPages pages = new RecordedIndexPages();
        List<String[]> builds = new ArrayList<>();
        for (String channel : List.of("whl/", "whl/nightly/")) {
            Matcher folders = FOLDER.matcher(pages.page(channel).orElseThrow());
            while (folders.find()) {
                for (String companion : CompanionReleaseTable.COMPANIONS) {
                    pages.page(channel + folders.group(1) + "/" + companion + "/").ifPresent(page -> {
                        Matcher wheel = Pattern.compile(">" + companion + "-([^-]+)-[^<]*\\.whl<").matcher(page);
                        while (wheel.find()) {
                            builds.add(new String[] {companion, wheel.group(1)});
                        }
                    });
                }
            }
        }
        return builds;
    }
}
