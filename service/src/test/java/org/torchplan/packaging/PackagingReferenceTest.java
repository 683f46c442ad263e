package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Differential test against pypa/packaging, the reference implementation pip vendors. The expected data was
 * generated once by {@code scripts/generate-packaging-reference.py} (packaging 26.2) and is committed, so
 * the test needs no Python: supported tag lists for a spread of targets, and for generated versions and
 * specifiers the PEP 440 order and every match result.
 */
class PackagingReferenceTest {

    @Test
    void supportedTagsEqualPackagingsListsInOrder() {
        Map<String, List<String>> expectedByTarget = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : PytorchWheelNamesConformanceTest.lines("packaging/reference-tags.txt.gz")) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("target ")) {
                current = new ArrayList<>();
                expectedByTarget.put(line.substring("target ".length()), current);
            } else {
                current.add(line);
            }
        }
        assertThat(expectedByTarget).hasSizeGreaterThan(15);
        expectedByTarget.forEach((description, expected) -> {
            List<String> actual = SupportedTags.of(target(description)).tags().stream().map(Tag::toString).toList();
            assertThat(actual).as(description).containsExactlyElementsOf(expected);
        });
    }

    @Test
    void versionOrderAndSpecifierMatchesEqualPackagings() {
        List<Version> versions = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        int specifiers = 0;
        for (String line : PytorchWheelNamesConformanceTest.lines("packaging/reference-specifiers.txt.gz")) {
            String[] fields = line.split(" ");
            switch (fields[0]) {
                case "version":
                    versions.add(Version.parse(fields[1]));
                    break;
                case "invalid":
                    if (Version.isValid(fields[1]) || parses(fields[1])) {
                        mismatches.add(fields[1] + ": accepted, packaging rejects it");
                    }
                    break;
                case "specifier":
                    specifiers++;
                    compare(fields[1], Boolean.parseBoolean(fields[2]), fields[3], versions, mismatches);
                    break;
                default:
                    break;
            }
        }
        for (int i = 0; i + 1 < versions.size(); i++) {
            if (versions.get(i).compareTo(versions.get(i + 1)) > 0) {
                mismatches.add("order: " + versions.get(i) + " sorts after " + versions.get(i + 1));
            }
        }
        assertThat(versions).hasSizeGreaterThan(500);
        assertThat(specifiers).isGreaterThan(400);
        assertThat(mismatches).isEmpty();
    }

    private static void compare(String text, boolean namesPrerelease, String expected, List<Version> versions,
            List<String> mismatches) {
        Specifier specifier;
        try {
            specifier = Specifier.parse(text);
        } catch (InvalidSpecifierException rejected) {
            mismatches.add(text + ": rejected, packaging accepts it");
            return;
        }
        if (specifier.namesPrerelease() != namesPrerelease) {
            mismatches.add(text + ": namesPrerelease " + specifier.namesPrerelease());
        }
        for (int i = 0; i < versions.size(); i++) {
            boolean matches = specifier.matches(versions.get(i));
            if (matches != (expected.charAt(i) == '1')) {
                mismatches.add(text + " vs " + versions.get(i) + ": " + matches);
            }
        }
    }

    private static boolean parses(String specifier) {
        try {
            Specifier.parse(specifier);
            return true;
        } catch (InvalidSpecifierException expected) {
            return false;
        }
    }

    /** {@code <python> <os> <arch> <glibc | macOS version | ->}. */
    private static Target target(String description) {
        String[] parts = description.split(" ");
        OperatingSystem os = OperatingSystem.parse(parts[1]);
        return new Target(PythonTarget.parse(parts[0]), os, Architecture.parse(parts[2]),
                os == OperatingSystem.LINUX ? Optional.of(GlibcVersion.parse(parts[3])) : Optional.empty(),
                os == OperatingSystem.MACOS ? Optional.of(MacosVersion.parse(parts[3])) : Optional.empty());
    }
}
