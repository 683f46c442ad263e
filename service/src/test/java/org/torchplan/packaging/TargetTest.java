package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetTest {

    @ParameterizedTest(name = "glibc ''{0}'' -> {1}")
    @CsvSource({"2.28, 2.28", "2_17, 2.17", "' 2.39 ', 2.39"})
    void parsesGlibcVersions(String input, String printed) {
        assertThat(GlibcVersion.parse(input)).hasToString(printed);
    }

    @ParameterizedTest(name = "glibc ''{0}''")
    @ValueSource(strings = {"", "2", "2.28.1", "1.9", "3.0", "glibc 2.28", "2.x", "2.-1", "2.100", "2.999"})
    void rejectsInvalidGlibcVersions(String input) {
        assertThatThrownBy(() -> GlibcVersion.parse(input)).isInstanceOf(InvalidTagException.class);
    }

    @ParameterizedTest(name = "macOS ''{0}'' -> {1}")
    @CsvSource({"14, 14.0", "14.5, 14.5", "15.1.1, 15.1", "10.15, 10.15", "10_9, 10.9", "26.0, 26.0"})
    void parsesMacosVersions(String input, String printed) {
        assertThat(MacosVersion.parse(input)).hasToString(printed);
    }

    @ParameterizedTest(name = "macOS ''{0}''")
    @ValueSource(strings = {"", "9.2", "14.", "Sonoma", "14.5.1.1", "x14"})
    void rejectsInvalidMacosVersions(String input) {
        assertThatThrownBy(() -> MacosVersion.parse(input)).isInstanceOf(InvalidTagException.class);
    }

    @Test
    void versionsOrderNumerically() {
        assertThat(GlibcVersion.parse("2.9")).isLessThan(GlibcVersion.parse("2.28"));
        assertThat(MacosVersion.parse("10.15")).isLessThan(MacosVersion.parse("11.0"));
    }

    @ParameterizedTest(name = "{0}/{1}/{2}")
    @CsvSource(delimiter = '|', value = {
        "cp312 | linux | x86_64 | 3.12 | 3.12.0 | linux | Linux | x86_64 | posix",
        "cp311 | linux | aarch64 | 3.11 | 3.11.0 | linux | Linux | aarch64 | posix",
        "cp313t | windows | x86_64 | 3.13 | 3.13.0 | win32 | Windows | AMD64 | nt",
        "cp312 | windows | aarch64 | 3.12 | 3.12.0 | win32 | Windows | ARM64 | nt",
        "cp310 | macos | aarch64 | 3.10 | 3.10.0 | darwin | Darwin | arm64 | posix",
        "cp39 | macos | x86_64 | 3.9 | 3.9.0 | darwin | Darwin | x86_64 | posix",
        "cp38 | linux | x86_64 | 3.8 | 3.8.0 | linux | Linux | x86_64 | posix",
        "cp37 | windows | x86_64 | 3.7 | 3.7.0 | win32 | Windows | AMD64 | nt",
    })
    void reportsTheMarkerValuesTheInterpreterWould(String python, String os, String arch, String pythonVersion,
            String fullVersion, String sysPlatform, String platformSystem, String machine, String osName) {
        MarkerEnvironment environment = Target.of(PythonTarget.parse(python), OperatingSystem.parse(os),
                Architecture.parse(arch)).markerEnvironment();
        assertThat(environment.pythonVersion()).isEqualTo(pythonVersion);
        assertThat(environment.pythonFullVersion()).isEqualTo(fullVersion);
        assertThat(environment.implementationVersion()).isEqualTo(fullVersion);
        assertThat(environment.sysPlatform()).isEqualTo(sysPlatform);
        assertThat(environment.platformSystem()).isEqualTo(platformSystem);
        assertThat(environment.platformMachine()).isEqualTo(machine);
        assertThat(environment.osName()).isEqualTo(osName);
        assertThat(environment.implementationName()).isEqualTo("cpython");
        assertThat(environment.platformPythonImplementation()).isEqualTo("CPython");
        assertThat(environment.extra()).isEmpty();
    }

    @Test
    void glibcOnlyOnLinux() {
        assertThatThrownBy(() -> new Target(PythonTarget.parse("cp312"), OperatingSystem.WINDOWS, Architecture.X86_64,
                Optional.of(GlibcVersion.ASSUMED), Optional.empty())).isInstanceOf(InvalidTagException.class);
        assertThatThrownBy(() -> new Target(PythonTarget.parse("cp312"), OperatingSystem.LINUX, Architecture.X86_64,
                Optional.empty(), Optional.of(MacosVersion.ASSUMED))).isInstanceOf(InvalidTagException.class);
    }
}
