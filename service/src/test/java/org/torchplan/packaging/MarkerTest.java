package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarkerTest {

    private static final MarkerEnvironment LINUX_312 = new Target(PythonTarget.parse("cp312"), OperatingSystem.LINUX,
            Architecture.X86_64, Optional.empty(), Optional.empty()).markerEnvironment();
    private static final MarkerEnvironment WINDOWS_39 = new Target(PythonTarget.parse("cp39"),
            OperatingSystem.WINDOWS, Architecture.X86_64, Optional.empty(), Optional.empty()).markerEnvironment();

    @ParameterizedTest(name = "{0} -> linux/3.12: {1}, windows/3.9: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "python_version >= '3.10' | true | false",
        "python_version < \"3.10\" | false | true",
        "python_version > '3.9' | true | false",
        "python_version == '3.12' | true | false",
        "python_version == '3.12.*' | true | false",
        "python_version ~= '3.10' | true | false",
        "python_full_version >= '3.12.0' | true | false",
        "python_full_version < '3.12.1' | true | true",
        "'3.10' <= python_version | true | false",
        "sys_platform == 'linux' | true | false",
        "sys_platform == 'win32' | false | true",
        "sys_platform != 'darwin' | true | true",
        "platform_system == 'Windows' | false | true",
        "platform_machine == 'x86_64' | true | false",
        "platform_machine == 'AMD64' | false | true",
        "os_name == 'nt' | false | true",
        "os.name == 'posix' | true | false",
        "implementation_name == 'cpython' | true | true",
        "platform_python_implementation == 'CPython' | true | true",
        "python_implementation != 'PyPy' | true | true",
        "'linux' in sys_platform | true | false",
        "'lin' in sys_platform | true | false",
        "'win' not in sys_platform | true | false",
        "sys_platform == 'linux' and python_version >= '3.10' | true | false",
        "sys_platform == 'linux' or python_version < '3.10' | true | true",
        "sys_platform == 'darwin' or sys_platform == 'win32' and python_version >= '3.10' | false | false",
        "(sys_platform == 'darwin' or sys_platform == 'win32') and python_version < '3.10' | false | true",
        "python_version >= '3.10' and (platform_machine == 'x86_64' or platform_machine == 'aarch64') | true | false",
        "((python_version >= '3.9')) | true | true",
        "platform_release >= '5.0' | false | false",
        "platform_system < 'M' | true | false",
        "extra == 'cuda' | false | false",
        "python_version>='3.10'and sys_platform=='linux' | true | false",
    })
    void evaluatesAgainstTargetEnvironments(String marker, boolean linux312, boolean windows39) {
        Marker parsed = Marker.parse(marker);
        assertThat(parsed.evaluate(LINUX_312)).as("linux 3.12").isEqualTo(linux312);
        assertThat(parsed.evaluate(WINDOWS_39)).as("windows 3.9").isEqualTo(windows39);
    }

    @Test
    void valuesThatAreNoVersionsCompareAsStrings() {
        MarkerEnvironment kernel = new MarkerEnvironment("cpython", "3.12.0", "posix", "x86_64", "5.15.0-91-generic",
                "Linux", "#101-Ubuntu SMP", "3.12.0", "CPython", "3.12", "linux", "");
        assertThat(Marker.parse("platform_release >= '5.0'").evaluate(kernel)).isTrue();
        assertThat(Marker.parse("platform_release < '5.0'").evaluate(kernel)).isFalse();
        assertThat(Marker.parse("'Ubuntu' in platform_version").evaluate(kernel)).isTrue();
    }

    @Test
    void versionComparisonIsNumericNotLexicographic() {
        assertThat(Marker.parse("python_version > '3.9'").evaluate(LINUX_312)).isTrue();
        assertThat(Marker.parse("python_version < '3.9'").evaluate(LINUX_312)).isFalse();
    }

    @ParameterizedTest(name = "extra {0} matches ''{1}'': {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {"cuda | extra == 'cuda' | true", "CUDA | extra == 'cuda' | true",
        "opt_einsum | extra == 'opt-einsum' | true", "cpu | extra == 'cuda' | false", "`` | extra == 'cuda' | false",
        "cuda | extra != 'cuda' | false"})
    void comparesExtrasNormalized(String extra, String marker, boolean expected) {
        assertThat(Marker.parse(marker).evaluate(LINUX_312.withExtra(extra))).isEqualTo(expected);
        assertThat(Marker.parse(marker).mentionsExtra()).isTrue();
    }

    @Test
    void undefinedComparisonsFailTypedAsPipDoes() {
        Marker marker = Marker.parse("sys_platform ~= 'linux'");
        assertThatThrownBy(() -> marker.evaluate(LINUX_312)).isInstanceOf(InvalidMarkerException.class);
    }


    @ParameterizedTest(name = "''{0}'' prints as ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "python_version>='3.10' | python_version >= \"3.10\"",
        "os.name=='nt' | os_name == \"nt\"",
        "'win' not in sys_platform | \"win\" not in sys_platform",
        "platform_machine == 'x86_64' and (os_name == 'nt') | platform_machine == \"x86_64\" and os_name == \"nt\"",
    })
    void printsNormalized(String input, String printed) {
        assertThat(Marker.parse(input)).hasToString(printed);
    }

    @Test
    void printingKeepsTheGroupingThatMatters() {
        Marker marker = Marker.parse("(sys_platform == 'darwin' or os_name == 'nt') and python_version < '3.10'");
        assertThat(marker).hasToString(
                "(sys_platform == \"darwin\" or os_name == \"nt\") and python_version < \"3.10\"");
        assertThat(Marker.parse(marker.toString())).isEqualTo(marker);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "python_version", "python_version >=", "python_version >= 3.10",
        "python_version >= '3.10", "unknown_var == 'x'", "(python_version >= '3.10'", "python_version >= '3.10')",
        "python_version >= '3.10' and", "python_version >= '3.10' or or sys_platform == 'linux'",
        "sys_platform not 'linux'", "sys_platform = 'linux'", "and", "'a' 'b'", "python_version >= '3' xor 1"})
    void rejectsInvalidMarkersWithATypedErrorNamingTheInput(String input) {
        assertThatThrownBy(() -> Marker.parse(input))
                .isInstanceOf(InvalidMarkerException.class)
                .hasMessageContaining("'" + input + "'");
    }

    @Test
    void refusesPathologicalNesting() {
        String deep = "(".repeat(10_000) + "os_name == 'nt'" + ")".repeat(10_000);
        assertThatThrownBy(() -> Marker.parse(deep)).isInstanceOf(InvalidMarkerException.class);
    }
}
