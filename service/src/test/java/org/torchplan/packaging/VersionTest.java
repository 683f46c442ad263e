package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    @ParameterizedTest(name = "{0} normalizes to {1}")
    @CsvSource({
        // PEP 440 "Normalization" section, one row per rule
        "1.0, 1.0",
        "1.1RC1, 1.1rc1",
        "00, 0",
        "09000, 9000",
        "1.0+ubuntu-1, 1.0+ubuntu.1",
        "1.0+ubuntu_1, 1.0+ubuntu.1",
        "1.1.a1, 1.1a1",
        "1.1-a1, 1.1a1",
        "1.1_a1, 1.1a1",
        "1.1alpha1, 1.1a1",
        "1.1beta2, 1.1b2",
        "1.1c3, 1.1rc3",
        "1.1pre4, 1.1rc4",
        "1.1preview5, 1.1rc5",
        "1.2a, 1.2a0",
        "1.2.post2, 1.2.post2",
        "1.2-post2, 1.2.post2",
        "1.2_post2, 1.2.post2",
        "1.2post2, 1.2.post2",
        "1.0-r4, 1.0.post4",
        "1.0-rev4, 1.0.post4",
        "1.2.post, 1.2.post0",
        "1.0-1, 1.0.post1",
        "1.2.dev2, 1.2.dev2",
        "1.2-dev2, 1.2.dev2",
        "1.2dev2, 1.2.dev2",
        "1.2.dev, 1.2.dev0",
        "1.0rc-, 1.0rc0",
        "v1.0, 1.0",
        "V1.0, 1.0",
        "' 1.0 ', 1.0",
        "1!2.0, 1!2.0",
        "0!2.0, 2.0",
        "1.0a1.post2.dev3, 1.0a1.post2.dev3",
        "2.5.1+cu124, 2.5.1+cu124",
        "2.5.1+CU124, 2.5.1+cu124",
        "2.6.0+rocm6.2.4, 2.6.0+rocm6.2.4",
        "2.9.0.dev20250801+cu128, 2.9.0.dev20250801+cu128",
        "0.21.0+e437e35, 0.21.0+e437e35",
        "1.0+abc.007, 1.0+abc.7",
    })
    void normalizesEverySpellingThePepAllows(String input, String normalized) {
        assertThat(Version.parse(input)).hasToString(normalized);
    }

    @ParameterizedTest(name = "''{0}'' is not a version")
    @ValueSource(strings = {"", " ", "french toast", "1.0+", "1.0+cu124+1", "1..0", "1.0.", ".1", "1.0-",
        "1.0a1a2", "1.0.post1.post2", "1.0 a1", "1!", "!1.0", "1.0+ubuntu 1", "1.0+_x", "2.5.1%2Bcu124",
        "1.0.dev1.dev2", "99999999999", "1.0.post99999999999999999999", "cu124", "1.0rc1-"})
    void rejectsInvalidVersionsWithATypedErrorNamingTheInput(String input) {
        assertThatThrownBy(() -> Version.parse(input))
                .isInstanceOf(InvalidVersionException.class)
                .hasMessageContaining("'" + input + "'")
                .satisfies(error -> assertThat(((InvalidVersionException) error).input()).isEqualTo(input));
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Version.parse(null)).isInstanceOf(InvalidVersionException.class);
    }

    /** The ordered list of PEP 440 "Summary of permitted suffixes and relative ordering", extended with local labels. */
    private static final List<String> ASCENDING = List.of(
            "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
            "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7",
            "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1",
            "2.5.1", "2.5.1+cu118", "2.5.1+cu124", "2.5.1+rocm6.2", "2.5.1+rocm6.2.4", "2.5.2",
            "1!0.1");

    @Test
    void ordersExactlyAsThePepDefines() {
        List<Version> expected = ASCENDING.stream().map(Version::parse).toList();
        List<Version> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(440));
        Collections.sort(shuffled);
        assertThat(shuffled).containsExactlyElementsOf(expected);
        for (int i = 0; i + 1 < expected.size(); i++) {
            assertThat(expected.get(i)).as(ASCENDING.get(i) + " < " + ASCENDING.get(i + 1))
                    .isLessThan(expected.get(i + 1));
        }
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
        "1.0a1, 1.0",
        "1.0, 1.0.post1",
        "1.0.dev1, 1.0a1",
        "2.5.1, 2.5.1+cu118",
        "2.5.1+cu118, 2.5.1+cu124",
        "1.0+abc, 1.0+1",
        "1.0+1, 1.0+1.0",
        "1.0+abc, 1.0+abc.0",
        "1.0+9, 1.0+10",
        "1.0+a10, 1.0+a9",
        "2.9.0.dev20250801, 2.9.0.dev20250802",
        "2.9.0.dev20250801+cu128, 2.9.0",
        "1.9, 1.10",
        "9.0, 1!1.0",
    })
    void ordersPairs(String lower, String higher) {
        assertThat(Version.parse(lower)).isLessThan(Version.parse(higher));
        assertThat(Version.parse(higher)).isGreaterThan(Version.parse(lower));
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource({"1.0, 1.0.0", "1.0.0.0, 1", "1.0a, 1.0a0", "1.0+ubuntu-1, 1.0+ubuntu.1", "1.0+01, 1.0+1",
        "0!1.0, 1.0", "v1.0.post0, 1.0-0", "2.5.1+CU124, 2.5.1+cu124"})
    void equalityAgreesWithOrdering(String left, String right) {
        Version a = Version.parse(left);
        Version b = Version.parse(right);
        assertThat(a).isEqualTo(b).isEqualByComparingTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }

    @Test
    void exposesTheParts() {
        Version version = Version.parse("1!2.5.1rc2.post3.dev4+cu124");
        assertThat(version.epoch()).isEqualTo(1);
        assertThat(version.release()).containsExactly(2, 5, 1);
        assertThat(version.major()).isEqualTo(2);
        assertThat(version.minor()).isEqualTo(5);
        assertThat(version.micro()).isEqualTo(1);
        assertThat(version.isPrerelease()).isTrue();
        assertThat(version.isDevrelease()).isTrue();
        assertThat(version.isPostrelease()).isTrue();
        assertThat(version.local()).isEqualTo("cu124");
        assertThat(version.hasLocal()).isTrue();
        assertThat(version.publicVersion()).hasToString("1!2.5.1rc2.post3.dev4");
        assertThat(version.baseVersion()).hasToString("1!2.5.1");
    }

    @ParameterizedTest(name = "{0}: prerelease={1} dev={2} post={3}")
    @CsvSource({"1.0, false, false, false", "1.0a1, true, false, false", "1.0.dev1, true, true, false",
        "1.0.post1, false, false, true", "1.0.post1.dev1, true, true, true", "1.0rc1+cu124, true, false, false"})
    void classifiesReleases(String input, boolean prerelease, boolean dev, boolean post) {
        Version version = Version.parse(input);
        assertThat(version.isPrerelease()).isEqualTo(prerelease);
        assertThat(version.isDevrelease()).isEqualTo(dev);
        assertThat(version.isPostrelease()).isEqualTo(post);
    }

    @Test
    void missingReleaseSegmentsReadAsZero() {
        Version version = Version.parse("3");
        assertThat(version.minor()).isZero();
        assertThat(version.micro()).isZero();
        assertThat(version.local()).isNull();
        assertThat(version.hasLocal()).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"2.13.0.dev20260518, 20260518", "2.13.0.dev20260518+cu128, 20260518", "1.0.dev0, 0", "1.0-dev3, 3",
        "1.0rc1.dev5, 5", "2.5.1, -1", "2.5.1rc1, -1"})
    void exposesTheDevReleaseNumber(String text, long dev) {
        assertThat(Version.parse(text).devNumber()).isEqualTo(dev);
    }
}
