package org.torchplan.catalog.model;

import org.torchplan.catalog.index.HtmlIndexParser;
import org.torchplan.catalog.index.WheelLinks;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.torchplan.packaging.Version;
import org.torchplan.testsupport.RecordedIndexPages;

/**
 * The release table against the recorded stable index of 2026-05-19 (the test fixture pages of every recorded
 * backend, which together list every release of the index's all-backends pages): every release a row names was
 * published, together with its torch, and every torch release from 1.8.0 on has a row.
 */
class CompanionReleaseTableTest {

    private static final String ROOT = "https://download.pytorch.org/whl";
    private static final Pattern FOLDER = Pattern.compile("href=\"([A-Za-z0-9._-]+)/\"");
    /** torch 1.8.2 is the LTS release: its wheels are on {@code /whl/lts/1.8/}, which the recording does not hold. */
    private static final String LTS = "1.8.2";

    /** backend -> package -> the releases (base versions) its recorded page lists. */
    private static final Map<String, Map<String, Set<Version>>> RECORDED = recordedReleases();

    @Test
    void everyReleaseOfARowIsOnARecordedBackendPageThatAlsoListsItsTorch() {
        List<String> checked = new ArrayList<>();
        for (CompanionReleaseTable.Row row : CompanionReleaseTable.rows()) {
            if (row.torch().equals(LTS)) {
                continue;
            }
            Version torch = Version.parse(row.torch());
            for (String companion : CompanionReleaseTable.COMPANIONS) {
                for (String release : row.releases(companion)) {
                    Version companionRelease = Version.parse(release);
                    assertThat(RECORDED.values()).as("a backend with torch %s and %s %s", torch, companion, release)
                            .anySatisfy(packages -> {
                                assertThat(packages.get("torch")).contains(torch);
                                assertThat(packages.get(companion)).contains(companionRelease);
                            });
                    checked.add(companion + " " + release);
                }
            }
        }
        // 35 rows on the index, two companions each, less torchaudio for 2.12.0, plus three second releases
        assertThat(checked).hasSize(72);
    }

    @Test
    void everyTorchReleaseFromOnePointEightOnHasARow() {
        Set<Version> recordedTorch = new TreeSet<>();
        RECORDED.values().forEach(packages -> recordedTorch.addAll(packages.get("torch")));
        Set<Version> rows = new TreeSet<>();
        CompanionReleaseTable.rows().forEach(row -> rows.add(Version.parse(row.torch())));

        assertThat(rows).containsAll(recordedTorch.stream()
                .filter(torch -> torch.compareTo(Version.parse("1.8.0")) >= 0).toList());
        assertThat(rows).hasSize(36).contains(Version.parse(LTS));
    }

    @Test
    void rowsAreInReleaseOrderAndStartAtOnePointEight() {
        List<Version> torches = CompanionReleaseTable.rows().stream().map(row -> Version.parse(row.torch())).toList();

        assertThat(torches).isSorted().doesNotHaveDuplicates().first().isEqualTo(Version.parse("1.8.0"));
    }

    @Test
    void aCompanionTheTableSaysWasNotReleasedIsNotOnTheIndex() {
        for (CompanionReleaseTable.Row row : CompanionReleaseTable.rows()) {
            for (String companion : CompanionReleaseTable.COMPANIONS) {
                if (!row.releases(companion).isEmpty()) {
                    continue;
                }
                Version torch = Version.parse(row.torch());
                assertThat(RECORDED.values()).as("%s for torch %s", companion, torch).allSatisfy(packages ->
                        assertThat(packages.get(companion)).noneMatch(release ->
                                release.major() == torch.major() && release.minor() == torch.minor()));
            }
        }
        assertThat(CompanionReleaseTable.releasesFor("torchaudio", 2, 12, 0)).isEmpty();
        assertThat(CompanionReleaseTable.releasesFor("torchvision", 2, 12, 0)).containsExactly("0.27.0");
    }

    @Test
    void answersByTorchAndByCompanion() {
        assertThat(CompanionReleaseTable.releasesFor("torchvision", 1, 10, 2)).containsExactly("0.11.3");
        assertThat(CompanionReleaseTable.releasesFor("torchaudio", 1, 12, 0)).containsExactly("0.12.0");
        assertThat(CompanionReleaseTable.releasesFor("torchvision", 2, 0, 0)).containsExactlyInAnyOrder("0.15.0", "0.15.1");
        assertThat(CompanionReleaseTable.releasesFor("torchvision", 1, 7, 1)).isNull();
        assertThat(CompanionReleaseTable.releasesFor("torchvision", 2, 13, 0)).isNull();
        assertThat(CompanionReleaseTable.releasesFor("torchcodec", 2, 9, 0)).isNull();
        assertThat(CompanionReleaseTable.torchReleaseOf("torchvision", "0.11.1")).contains("1.10.0");
        assertThat(CompanionReleaseTable.torchReleaseOf("torchaudio", "2.0.0")).contains("2.0.0");
        assertThat(CompanionReleaseTable.torchReleaseOf("torchvision", "0.8.2")).isEmpty();
        assertThat(CompanionReleaseTable.covers("torchvision")).isTrue();
        assertThat(CompanionReleaseTable.covers("torchcodec")).isFalse();
    }

    /** The recorded stable pages, read with the catalog's own parser. */
    private static Map<String, Map<String, Set<Version>>> recordedReleases() {
        RecordedIndexPages pages = new RecordedIndexPages();
        Map<String, Map<String, Set<Version>>> releases = new HashMap<>();
        Matcher folders = FOLDER.matcher(pages.page("whl/").orElseThrow());
        while (folders.find()) {
            String backend = folders.group(1);
            Map<String, Set<Version>> packages = new HashMap<>();
            for (String packageName : List.of("torch", "torchvision", "torchaudio")) {
                String directory = "whl/" + backend + "/" + packageName + "/";
                pages.page(directory).ifPresent(html -> {
                    Set<Version> versions = new TreeSet<>();
                    for (IndexedFile file : WheelLinks.of(packageName,
                            HtmlIndexParser.parse(ROOT + "/" + backend + "/" + packageName + "/", html)).files()) {
                        if (!file.version().isPrerelease()) {
                            versions.add(file.version().baseVersion());
                        }
                    }
                    packages.put(packageName, versions);
                });
            }
            if (packages.size() == 3) {
                releases.put(backend, packages);
            }
        }
        assertThat(releases).hasSizeGreaterThanOrEqualTo(8);
        return releases;
    }
}
