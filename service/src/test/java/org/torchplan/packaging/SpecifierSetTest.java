package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecifierSetTest {

    /** Vectors from PEP 440 "Version specifiers" and the edge cases; pre-releases under the default rule. */
    @ParameterizedTest(name = "''{0}'' contains {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        // == and local labels
        "==2.5.1 | 2.5.1 | true",
        "==2.5.1 | 2.5.1+cu124 | true",
        "==2.5.1+cu124 | 2.5.1+cu124 | true",
        "==2.5.1+cu124 | 2.5.1+cu118 | false",
        "==2.5.1+cu124 | 2.5.1 | false",
        "==2.5.1 | 2.5.1.0 | true",
        "==2.5 | 2.5.0 | true",
        "==2.5.1 | 2.5.1.post1 | false",
        // wildcards (zero padded, local labels ignored)
        "==2.5.* | 2.5.1+cu124 | true",
        "==2.5.* | 2.5 | true",
        "==2.5.* | 2.6.0 | false",
        "==2.5.* | 2.50.0 | false",
        "==2.* | 2 | true",
        "==2.5.* | 2.5.0.post1 | true",
        "!=2.5.* | 2.5.1+cu124 | false",
        "!=2.5.* | 2.6.0 | true",
        "==1.1.* | 1!1.1 | false",
        // PEP 440 "Version matching" examples
        "==1.1 | 1.1.post1 | false",
        "==1.1.post1 | 1.1.post1 | true",
        "==1.1.* | 1.1.post1 | true",
        // !=
        "!=2.5.1 | 2.5.1+cu124 | false",
        "!=2.5.1+cu124 | 2.5.1+cu118 | true",
        "!=2.5.1 | 2.5.2 | true",
        // ~= (PEP 440 "Compatible release" examples first)
        "~=2.2 | 2.3 | true",
        "~=2.2 | 3.0 | false",
        "~=1.4.5 | 1.4.9 | true",
        "~=1.4.5 | 1.5.0 | false",
        "~=1.4.5.0 | 1.4.5.9 | true",
        "~=1.4.5.0 | 1.4.6 | false",
        "~=2.5 | 2.5.0 | true",
        "~=2.5 | 2.9.1 | true",
        "~=2.5 | 3.0 | false",
        "~=2.5 | 2.4.9 | false",
        "~=2.5.0 | 2.5.9 | true",
        "~=2.5.0 | 2.6.0 | false",
        "~=2.5.0 | 2.5.1+cu124 | true",
        "~=1.4.5a4 | 1.4.5 | true",
        "~=1.4.5a4 | 1.4.5a4 | true",
        "~=2.2.post3 | 2.2.post3 | true",
        "~=2.2.post3 | 2.3 | true",
        "~=2.2.post3 | 3.0 | false",
        "~=1!2.5 | 1!2.6 | true",
        "~=1!2.5 | 2.6 | false",
        // inclusive ordering compares the public version
        ">=2.5 | 2.5.0+cu124 | true",
        "<=2.5 | 2.5.0+cu124 | true",
        "<=2.5 | 2.5.0.post1 | false",
        ">=2.5 | 2.4.9 | false",
        // exclusive ordering (PEP 440 "Exclusive ordered comparison" examples first)
        ">1.7 | 1.7.1 | true",
        ">1.7 | 1.7.0.post1 | false",
        ">1.7.post2 | 1.7.1 | true",
        ">1.7.post2 | 1.7.0.post3 | true",
        ">1.7.post2 | 1.7.0 | false",
        "<3.1 | 3.0.9 | true",
        ">2.5 | 2.5.1 | true",
        ">2.5 | 2.5 | false",
        ">2.5 | 2.5.post1 | false",
        ">2.5 | 2.5+cu124 | false",
        ">2.5.post1 | 2.5.post2 | true",
        ">2.5 | 2.6.dev1 | false",
        "<2.5 | 2.4.9 | true",
        "<2.5 | 2.5 | false",
        "<2.5 | 2.4.9+cu124 | true",
        "<2.5 | 2.5rc1 | false",
        "<2.5rc1 | 2.5b1 | true",
        "<2.5 | 2.4rc1 | false",
        ">2.5rc1 | 2.5+cu124 | true",
        ">2.5rc1 | 2.5rc1+cu124 | false",
        ">2.5.dev3 | 2.5.post2 | true",
        ">2.5a1 | 2.5a1.post1 | false",
        "<2.5rc1 | 2.5.dev1 | true",
        // ===
        "===2.5.1 | 2.5.1 | true",
        "===2.5.1 | 2.5.1.0 | false",
        "===2.5.1 | 2.5.1+cu124 | false",
        // pre-releases: excluded unless named
        ">=2.5 | 2.6.0rc1 | false",
        ">=2.5 | 2.6.0.dev20250101 | false",
        ">=2.6.0rc1 | 2.6.0rc2 | true",
        ">=2.6.0rc1 | 2.7.0.dev1 | true",
        "==2.6.0rc1 | 2.6.0rc1 | true",
        "!=2.6.0rc1 | 2.6.0rc2 | false",
        "'' | 2.6.0rc1 | false",
        "'' | 2.6.0 | true",
        // sets
        ">=2.5,<2.7 | 2.6.0+cu124 | true",
        ">=2.5,<2.7 | 2.7.0 | false",
        ">=2.5, !=2.5.1, <2.7 | 2.5.1+cu124 | false",
        "' >= 2.5 , < 2.7 ' | 2.6 | true",
    })
    void containsFollowsPep440(String specifier, String version, boolean expected) {
        assertThat(SpecifierSet.parse(specifier).contains(Version.parse(version))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' with pre-releases allowed contains {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        ">=2.5 | 2.6.0rc1 | true",
        ">=2.5 | 2.5rc1 | false",
        "<2.6 | 2.6.0rc1 | false",
        "<2.6 | 2.6.0.dev0 | false",
        "<2.6 | 2.5rc1 | true",
        "<1.0.post1 | 1.0a2 | true",
        "<1.0.post1 | 1.0.post1.dev1 | false",
        "'' | 2.7.0.dev20250101 | true",
        "==2.6.* | 2.6.0.dev20250101+cu128 | true",
        "~=2.6.0 | 2.6.1rc1 | true",
    })
    void containsAdmitsPrereleasesWhenTheCallerAllows(String specifier, String version, boolean expected) {
        assertThat(SpecifierSet.parse(specifier).contains(Version.parse(version), true)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' names a pre-release: {1}")
    @CsvSource(delimiter = '|', value = {">=2.6.0rc1 | true", "==2.6.0.dev1 | true", "<=2.6.0a1 | true",
        "~=2.6.0b1 | true", "<2.6.0a1 | true", "!=2.6.0rc1 | false", ">=2.6 | false", "'' | false",
        "==2.6.* | false", "===2.6.0rc1 | true", "===foo | false", ">=2.5, <2.6.0rc1 | true"})
    void detectsNamedPrereleases(String specifier, boolean expected) {
        assertThat(SpecifierSet.parse(specifier).namesPrerelease()).isEqualTo(expected);
    }

    @Test
    void filterKeepsFinalReleasesWhenAnyMatch() {
        List<Version> candidates = versions("2.5.0", "2.6.0rc1", "2.5.1+cu124", "2.7.0.dev1");
        assertThat(SpecifierSet.parse(">=2.5").filter(candidates, true))
                .containsExactly(Version.parse("2.5.0"), Version.parse("2.5.1+cu124"));
    }

    @Test
    void filterFallsBackToPrereleasesWhenTheyAreTheOnlyCandidatesAndTheCallerAllows() {
        List<Version> candidates = versions("2.5.0", "2.7.0rc1", "2.7.0.dev20250101");
        SpecifierSet specifier = SpecifierSet.parse(">=2.6");
        assertThat(specifier.filter(candidates, true))
                .containsExactly(Version.parse("2.7.0rc1"), Version.parse("2.7.0.dev20250101"));
        assertThat(specifier.filter(candidates, false)).isEmpty();
    }

    @Test
    void emptySetIsAnyAndPrintsEmpty() {
        assertThat(SpecifierSet.parse("")).isSameAs(SpecifierSet.ANY);
        assertThat(SpecifierSet.parse("  ").isEmpty()).isTrue();
        assertThat(SpecifierSet.ANY).hasToString("");
        assertThat(SpecifierSet.ANY.contains(Version.parse("0.0.1"))).isTrue();
    }

    @ParameterizedTest(name = "''{0}'' prints as ''{1}''")
    @CsvSource(delimiter = '|', value = {">= 2.5 , <2.7 | >=2.5,<2.7", "==2.5.* | ==2.5.*", "~=2.5.0 | ~=2.5.0",
        "==v2.5.1+CU124 | ==2.5.1+cu124", "===Foo | ===Foo", ">=1.0-1 | >=1.0.post1"})
    void printsNormalized(String input, String printed) {
        assertThat(SpecifierSet.parse(input)).hasToString(printed);
        assertThat(SpecifierSet.parse(printed)).isEqualTo(SpecifierSet.parse(input));
    }

    /**
     * As pypa/packaging's {@code SpecifierSet(str)}: blank clauses are skipped wherever they are (it splits on
     * commas and drops what strips to nothing); vectors checked against packaging 26.2. Requirements are stricter
     * (one trailing comma only), see RequirementTest.
     */
    @ParameterizedTest(name = "''{0}'' prints as ''{1}''")
    @CsvSource(delimiter = '|', value = {
        ">=2.4, | >=2.4",
        "'>=2.4 , ' | >=2.4",
        ",>=2.4 | >=2.4",
        ">=1,,<2 | >=1,<2",
        "'>=1, ,<2' | >=1,<2",
        ",,>=2.5,, | >=2.5",
        ">=2.5,<2.7, | >=2.5,<2.7",
        ", | ''",
        "' , ,' | ''",
    })
    void skipsBlankClausesAsPackagingsSpecifierSetDoes(String input, String printed) {
        SpecifierSet parsed = SpecifierSet.parse(input);
        assertThat(parsed).hasToString(printed).isEqualTo(SpecifierSet.parse(printed));
        assertThat(parsed.isEmpty()).isEqualTo(printed.isEmpty());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"2.5", "=2.5", "=>2.5", ">=2.5.*", "~=2.5.*", "~=2", "<2.5+cu124", "~=2.5+cu124",
        ">=", "==2.5a1.*", "==2.*.1", ">=2.5;<3", "=== ", "== foo", ">=2.5 <3", ">=2.5,2.6", ",=2.5",
        "==2.5.1+", "!!=1.0"})
    void rejectsInvalidSpecifiersWithATypedErrorNamingTheInput(String input) {
        assertThatThrownBy(() -> SpecifierSet.parse(input))
                .isInstanceOf(InvalidSpecifierException.class)
                .hasMessageContaining("'" + input + "'");
    }

    private static List<Version> versions(String... texts) {
        return java.util.Arrays.stream(texts).map(Version::parse).toList();
    }
}
