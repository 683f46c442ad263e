package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SupportedTagsTest {

    private static Target linux(String python, Architecture arch, String glibc) {
        return new Target(PythonTarget.parse(python), OperatingSystem.LINUX, arch,
                Optional.of(GlibcVersion.parse(glibc)), Optional.empty());
    }

    private static Target macos(String python, Architecture arch, String version) {
        return new Target(PythonTarget.parse(python), OperatingSystem.MACOS, arch, Optional.empty(),
                Optional.of(MacosVersion.parse(version)));
    }

    private static Target windows(String python, Architecture arch) {
        return Target.of(PythonTarget.parse(python), OperatingSystem.WINDOWS, arch);
    }

    private static List<String> platforms(SupportedTags tags) {
        return tags.tags().stream()
                .filter(tag -> tag.interpreter().equals("cp312") && tag.abi().equals("cp312"))
                .map(Tag::platform)
                .toList();
    }

    @Test
    void manylinuxGoesDownFromTheTargetGlibcWithLegacyAliasesAfterTheirPep600Names() {
        assertThat(PlatformTags.linux(GlibcVersion.parse("2.19"), "aarch64")).containsExactly(
                "manylinux_2_19_aarch64", "manylinux_2_18_aarch64", "manylinux_2_17_aarch64", "manylinux2014_aarch64",
                "linux_aarch64");
        List<String> x86 = PlatformTags.linux(GlibcVersion.parse("2.28"), "x86_64");
        assertThat(x86).startsWith("manylinux_2_28_x86_64", "manylinux_2_27_x86_64")
                .containsSubsequence("manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux_2_16_x86_64")
                .containsSubsequence("manylinux_2_12_x86_64", "manylinux2010_x86_64", "manylinux_2_11_x86_64")
                .endsWith("manylinux_2_6_x86_64", "manylinux_2_5_x86_64", "manylinux1_x86_64", "linux_x86_64")
                .hasSize(24 + 3 + 1)
                .doesNotHaveDuplicates()
                .noneMatch(platform -> platform.startsWith("musllinux"));
    }

    @Test
    void oldGlibcOnArmHasNoManylinuxAtAll() {
        assertThat(PlatformTags.linux(GlibcVersion.parse("2.12"), "aarch64")).containsExactly("linux_aarch64");
    }

    @Test
    void cpythonTagOrderIsPipsForARegularInterpreter() {
        SupportedTags tags = SupportedTags.of(linux("cp312", Architecture.AARCH64, "2.17"));
        List<String> manylinux = List.of("manylinux_2_17_aarch64", "manylinux2014_aarch64", "linux_aarch64");
        List<String> expectedHead = new java.util.ArrayList<>();
        for (String abi : List.of("cp312", "abi3", "none")) {
            manylinux.forEach(platform -> expectedHead.add("cp312-" + abi + "-" + platform));
        }
        for (int minor = 11; minor >= 2; minor--) {
            int m = minor;
            manylinux.forEach(platform -> expectedHead.add("cp3" + m + "-abi3-" + platform));
        }
        for (String python : List.of("py312", "py3", "py311", "py310", "py39", "py38", "py37", "py36", "py35", "py34",
                "py33", "py32", "py31", "py30")) {
            manylinux.forEach(platform -> expectedHead.add(python + "-none-" + platform));
        }
        expectedHead.add("cp312-none-any");
        for (String python : List.of("py312", "py3", "py311", "py310", "py39", "py38", "py37", "py36", "py35", "py34",
                "py33", "py32", "py31", "py30")) {
            expectedHead.add(python + "-none-any");
        }
        assertThat(tags.tags().stream().map(Tag::toString).toList()).containsExactlyElementsOf(expectedHead);
    }

    @Test
    void beforePython38TheInterpreterAbiIsThePymallocOne() {
        SupportedTags tags = SupportedTags.of(linux("cp37", Architecture.X86_64, "2.17"));
        assertThat(tags.tags().get(0)).isEqualTo(new Tag("cp37", "cp37m", "manylinux_2_17_x86_64"));
        assertThat(tags.tags()).noneMatch(tag -> tag.abi().equals("cp37"))
                .allMatch(tag -> List.of("cp37m", "abi3", "none").contains(tag.abi()));
    }

    @Test
    void freeThreadedInterpretersTakeOnlyTheirOwnAbiAndNone() {
        SupportedTags tags = SupportedTags.of(linux("cp313t", Architecture.X86_64, "2.28"));
        assertThat(tags.tags()).allMatch(tag -> tag.abi().equals("cp313t") || tag.abi().equals("none"));
        assertThat(tags.tags().get(0)).isEqualTo(new Tag("cp313", "cp313t", "manylinux_2_28_x86_64"));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        // manylinux and glibc
        "linux/cp312/x86_64/2.28 | torch-2.6.0+cu124-cp312-cp312-manylinux_2_28_x86_64.whl | true",
        "linux/cp312/x86_64/2.27 | torch-2.6.0+cu124-cp312-cp312-manylinux_2_28_x86_64.whl | false",
        "linux/cp312/x86_64/2.35 | torch-2.6.0+cu124-cp312-cp312-manylinux_2_28_x86_64.whl | true",
        "linux/cp312/x86_64/2.17 | t-1.0-cp312-cp312-manylinux2014_x86_64.whl | true",
        "linux/cp312/x86_64/2.17 | t-1.0-cp312-cp312-manylinux1_x86_64.whl | true",
        "linux/cp312/x86_64/2.11 | t-1.0-cp312-cp312-manylinux2010_x86_64.whl | false",
        "linux/cp312/x86_64/2.12 | t-1.0-cp312-cp312-manylinux2010_x86_64.whl | true",
        "linux/cp312/x86_64/2.28 | t-1.0-cp312-cp312-linux_x86_64.whl | true",
        "linux/cp312/x86_64/2.28 | t-1.0-cp312-cp312-manylinux_2_28_aarch64.whl | false",
        "linux/cp312/aarch64/2.28 | t-1.0-cp312-cp312-manylinux_2_17_aarch64.manylinux2014_aarch64.whl | true",
        "linux/cp312/aarch64/2.28 | t-1.0-cp312-cp312-manylinux2010_aarch64.whl | false",
        // musllinux never on a glibc target
        "linux/cp312/x86_64/2.39 | t-1.0-cp312-cp312-musllinux_1_2_x86_64.whl | false",
        // python and abi
        "linux/cp312/x86_64/2.28 | t-1.0-cp311-cp311-linux_x86_64.whl | false",
        "linux/cp312/x86_64/2.28 | t-1.0-cp39-abi3-manylinux_2_28_x86_64.whl | true",
        "linux/cp39/x86_64/2.28 | t-1.0-cp312-abi3-manylinux_2_28_x86_64.whl | false",
        "linux/cp312/x86_64/2.28 | t-1.0-py3-none-any.whl | true",
        "linux/cp312/x86_64/2.28 | t-1.0-py2.py3-none-any.whl | true",
        "linux/cp312/x86_64/2.28 | t-1.0-py2-none-any.whl | false",
        "linux/cp312/x86_64/2.28 | t-1.0-py313-none-any.whl | false",
        "linux/cp312/x86_64/2.28 | t-1.0-cp312-none-any.whl | true",
        "linux/cp312/x86_64/2.28 | t-1.0-pp310-pypy310_pp73-manylinux_2_28_x86_64.whl | false",
        // 3.8 has the bare ABI; before 3.8 the ABI carries pymalloc's m (cp37m), as PyTorch's cp37 wheels do
        "linux/cp38/x86_64/2.31 | torch-2.4.1+cu124-cp38-cp38-linux_x86_64.whl | true",
        "linux/cp38/x86_64/2.31 | t-1.0-cp38-cp38m-linux_x86_64.whl | false",
        "linux/cp38/x86_64/2.31 | t-1.0-cp37-cp37m-linux_x86_64.whl | false",
        "linux/cp38/x86_64/2.31 | t-1.0-cp37-abi3-linux_x86_64.whl | true",
        "linux/cp37/x86_64/2.17 | torch-1.13.1+cu117-cp37-cp37m-linux_x86_64.whl | true",
        "linux/cp37/x86_64/2.17 | t-1.0-cp37-cp37m-manylinux2014_x86_64.whl | true",
        "linux/cp37/x86_64/2.17 | t-1.0-cp37-cp37-manylinux2014_x86_64.whl | false",
        "linux/cp37/x86_64/2.17 | t-1.0-cp37-abi3-manylinux2014_x86_64.whl | true",
        "linux/cp37/x86_64/2.17 | t-1.0-cp36-abi3-manylinux2014_x86_64.whl | true",
        "linux/cp37/x86_64/2.17 | t-1.0-cp38-abi3-manylinux2014_x86_64.whl | false",
        "linux/cp37/x86_64/2.17 | t-1.0-cp36-cp36m-manylinux2014_x86_64.whl | false",
        "linux/cp37/x86_64/2.17 | t-1.0-py37-none-any.whl | true",
        "linux/cp37/x86_64/2.17 | t-1.0-py38-none-any.whl | false",
        "linux/cp33/aarch64/2.17 | t-1.0-cp33-cp33m-manylinux2014_aarch64.whl | true",
        "linux/cp33/aarch64/2.17 | t-1.0-cp32-abi3-manylinux2014_aarch64.whl | true",
        "windows/cp37/x86_64 | torch-1.13.1+cu117-cp37-cp37m-win_amd64.whl | true",
        "macos/cp37/x86_64/10.15 | torch-1.13.1-cp37-none-macosx_10_9_x86_64.whl | true",
        // free-threaded
        "linux/cp313t/x86_64/2.28 | torch-2.8.0-cp313-cp313t-manylinux_2_28_x86_64.whl | true",
        "linux/cp313t/x86_64/2.28 | torch-2.8.0-cp313-cp313-manylinux_2_28_x86_64.whl | false",
        "linux/cp313t/x86_64/2.28 | t-1.0-cp39-abi3-manylinux_2_28_x86_64.whl | false",
        "linux/cp313t/x86_64/2.28 | t-1.0-cp313-abi3-manylinux_2_28_x86_64.whl | false",
        "linux/cp313t/x86_64/2.28 | t-1.0-py3-none-any.whl | true",
        "linux/cp313/x86_64/2.28 | torch-2.8.0-cp313-cp313t-manylinux_2_28_x86_64.whl | false",
        "linux/cp314t/aarch64/2.28 | t-1.0-cp314-cp314t-manylinux_2_28_aarch64.whl | true",
        // windows
        "windows/cp312/x86_64 | torch-2.5.1+cu124-cp312-cp312-win_amd64.whl | true",
        "windows/cp312/x86_64 | t-1.0-cp312-cp312-win_arm64.whl | false",
        "windows/cp312/aarch64 | t-1.0-cp312-cp312-win_arm64.whl | true",
        "windows/cp312/x86_64 | t-1.0-cp312-cp312-win32.whl | false",
        "windows/cp312/x86_64 | t-1.0-cp312-cp312-manylinux_2_28_x86_64.whl | false",
        // macOS
        "macos/cp312/aarch64/14.5 | torch-2.8.0-cp312-none-macosx_11_0_arm64.whl | true",
        "macos/cp312/aarch64/14.5 | torch-2.9.0-cp312-none-macosx_14_0_arm64.whl | true",
        "macos/cp312/aarch64/13.6 | torch-2.9.0-cp312-none-macosx_14_0_arm64.whl | false",
        "macos/cp312/aarch64/15.0 | t-1.0-cp312-cp312-macosx_14_5_arm64.whl | false",
        "macos/cp312/aarch64/14.0 | t-1.0-cp312-cp312-macosx_10_9_universal2.whl | true",
        "macos/cp312/aarch64/14.0 | t-1.0-cp312-cp312-macosx_10_9_x86_64.whl | false",
        "macos/cp312/aarch64/14.0 | t-1.0-cp312-cp312-macosx_10_3_universal2.whl | false",
        "macos/cp312/x86_64/14.0 | t-1.0-cp312-cp312-macosx_10_9_x86_64.whl | true",
        "macos/cp312/x86_64/14.0 | t-1.0-cp312-cp312-macosx_10_9_intel.whl | true",
        "macos/cp312/x86_64/14.0 | t-1.0-cp312-cp312-macosx_11_0_arm64.whl | false",
        "macos/cp312/x86_64/10.15 | t-1.0-cp312-cp312-macosx_10_9_x86_64.whl | true",
        "macos/cp312/x86_64/10.15 | t-1.0-cp312-cp312-macosx_11_0_x86_64.whl | false",
        "macos/cp312/x86_64/10.15 | t-1.0-cp312-cp312-macosx_10_16_x86_64.whl | false",
        "macos/cp312/x86_64/10.15 | t-1.0-cp312-cp312-macosx_10_3_x86_64.whl | false",
    })
    void supportsWhatPipWouldInstall(String target, String wheel, boolean supported) {
        SupportedTags tags = SupportedTags.of(target(target));
        WheelFilename filename = WheelFilename.parse(wheel);
        assertThat(tags.supports(filename)).isEqualTo(supported);
        assertThat(tags.rank(filename) >= 0).isEqualTo(supported);
    }

    @Test
    void rankPrefersSpecificWheelsAsPipDoes() {
        SupportedTags tags = SupportedTags.of(linux("cp312", Architecture.X86_64, "2.28"));
        List<String> bestFirst = List.of(
                "t-1.0-cp312-cp312-manylinux_2_28_x86_64.whl",
                "t-1.0-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
                "t-1.0-cp312-cp312-linux_x86_64.whl",
                "t-1.0-cp312-abi3-manylinux_2_28_x86_64.whl",
                "t-1.0-cp312-none-manylinux_2_28_x86_64.whl",
                "t-1.0-cp311-abi3-manylinux_2_28_x86_64.whl",
                "t-1.0-cp39-abi3-manylinux_2_28_x86_64.whl",
                "t-1.0-py312-none-manylinux_2_28_x86_64.whl",
                "t-1.0-py3-none-manylinux_2_28_x86_64.whl",
                "t-1.0-cp312-none-any.whl",
                "t-1.0-py312-none-any.whl",
                "t-1.0-py3-none-any.whl");
        List<Integer> ranks = bestFirst.stream().map(name -> tags.rank(WheelFilename.parse(name))).toList();
        assertThat(ranks).isSorted().doesNotHaveDuplicates().allMatch(rank -> rank >= 0);
        assertThat(tags.rank(WheelFilename.parse("t-1.0-cp311-cp311-linux_x86_64.whl"))).isEqualTo(-1);
    }

    @Test
    void compressedTagSetsRankByTheirBestTag() {
        SupportedTags tags = SupportedTags.of(linux("cp312", Architecture.X86_64, "2.28"));
        WheelFilename compressed = WheelFilename.parse("t-1.0-cp312-cp312-manylinux2014_x86_64.manylinux_2_28_x86_64.whl");
        assertThat(tags.rank(compressed)).isZero();
    }

    @Test
    void macosOrderListsNewestVersionFirstThenFatFormats() {
        assertThat(PlatformTags.macos(MacosVersion.parse("12.3"), "arm64")).startsWith(
                "macosx_12_0_arm64", "macosx_12_0_universal2", "macosx_11_0_arm64", "macosx_11_0_universal2",
                "macosx_10_16_universal2").endsWith("macosx_10_4_universal2");
        assertThat(PlatformTags.macos(MacosVersion.parse("11"), "x86_64")).startsWith(
                "macosx_11_0_x86_64", "macosx_11_0_intel", "macosx_11_0_fat64", "macosx_11_0_fat32",
                "macosx_11_0_universal2", "macosx_11_0_universal", "macosx_10_16_x86_64")
                .endsWith("macosx_10_4_universal");
    }

    @Test
    void unknownGlibcAndMacosVersionsAreTheNewestSoThatNoWheelIsHidden() {
        SupportedTags linux = SupportedTags.of(Target.of(PythonTarget.parse("cp312"), OperatingSystem.LINUX,
                Architecture.X86_64));
        assertThat(platforms(linux).get(0)).isEqualTo("manylinux_2_99_x86_64");
        assertThat(platforms(linux)).contains("manylinux_2_39_x86_64", "manylinux_2_28_x86_64", "linux_x86_64");
        SupportedTags mac = SupportedTags.of(Target.of(PythonTarget.parse("cp312"), OperatingSystem.MACOS,
                Architecture.AARCH64));
        assertThat(platforms(mac).get(0)).isEqualTo("macosx_99_0_arm64");
        assertThat(platforms(mac)).contains("macosx_26_0_arm64", "macosx_14_0_arm64", "macosx_11_0_arm64");
    }

    @Test
    void equalTargetsShareOneComputedTagList() {
        SupportedTags first = SupportedTags.of(linux("cp311", Architecture.AARCH64, "2.31"));
        assertThat(SupportedTags.of(linux("cp311", Architecture.AARCH64, "2.31"))).isSameAs(first);
        assertThat(SupportedTags.of(linux("cp311", Architecture.AARCH64, "2.32"))).isNotSameAs(first);
    }

    @Test
    void refusesTargetsNoPythonExistsFor() {
        PythonTarget python = PythonTarget.parse("cp312");
        assertThatThrownBy(() -> Target.of(python, OperatingSystem.WINDOWS, Architecture.S390X))
                .isInstanceOf(InvalidTagException.class);
        assertThatThrownBy(() -> new Target(python, OperatingSystem.MACOS, Architecture.X86_64,
                Optional.of(GlibcVersion.parse("2.28")), Optional.empty())).isInstanceOf(InvalidTagException.class);
        assertThatThrownBy(() -> macos("cp312", Architecture.AARCH64, "10.15")).isInstanceOf(InvalidTagException.class);
    }

    /** {@code os/python/arch[/glibc or macOS version]}. */
    private static Target target(String description) {
        String[] parts = description.split("/");
        Architecture arch = Architecture.parse(parts[2]);
        switch (parts[0]) {
            case "linux":
                return linux(parts[1], arch, parts[3]);
            case "macos":
                return macos(parts[1], arch, parts[3]);
            default:
                return windows(parts[1], arch);
        }
    }
}
