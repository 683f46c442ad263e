package org.torchplan.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary input into every parser yields a value or a {@link PackagingParseException}, never another
 * exception: the service parses user requests and upstream index pages with these, and anything else would
 * surface as a 500. Seeded, so a failure reproduces; the failing input is in the assertion message.
 */
class ParserRobustnessTest {

    private static final long SEED = 0x70_72_63_68L;
    private static final int RANDOM_INPUTS = 5_000;
    /** Characters the grammars care about, weighted towards the ones that steer the parsers. */
    private static final String ALPHABET = "0123456789....---___+++!*=<>~,;()[]@'\" \tabcdefgilmnoprstuvwxy"
            + "ABCTVZ/:#%\\\u00e9\u00f8\u0663\uff12\u0000\n";
    private static final List<String> SEEDS = List.of(
            "torch-2.5.1+cu124-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
            "triton_rocm-3.1.0-1-cp39-abi3-linux_x86_64.whl",
            "1!2.5.1rc1.post2.dev3+rocm6.2.4",
            ">=2.5,<2.7,!=2.5.1,==2.6.*,~=2.5.0,===foo",
            "torch[cuda,opt]>=2.5; python_version >= '3.10' and (sys_platform == 'linux' or os_name == 'nt')",
            "pip @ https://example.org/pip.zip ; extra == 'x'",
            "python_version ~= '3.10' or 'lin' not in sys_platform",
            "cp313t", "3.12", "2.28", "14.5", "cp312-abi3-macosx_11_0_arm64");

    private static final MarkerEnvironment ENVIRONMENT = Target.of(PythonTarget.parse("cp312"),
            OperatingSystem.LINUX, Architecture.X86_64).markerEnvironment();

    private static final SupportedTags TAGS = SupportedTags.of(Target.of(PythonTarget.parse("cp312"),
            OperatingSystem.LINUX, Architecture.X86_64));

    private static final Map<String, Function<String, Object>> PARSERS = Map.ofEntries(
            Map.entry("Version", Version::parse),
            Map.entry("Specifier", Specifier::parse),
            Map.entry("SpecifierSet", text -> {
                SpecifierSet set = SpecifierSet.parse(text);
                return set.contains(Version.parse("2.5.1+cu124"), true) + set.toString();
            }),
            Map.entry("Requirement", text -> {
                Requirement requirement = Requirement.parse(text);
                return requirement.appliesTo(ENVIRONMENT) + requirement.toString();
            }),
            Map.entry("Marker", text -> {
                Marker marker = Marker.parse(text);
                return marker.evaluate(ENVIRONMENT) + marker.toString();
            }),
            Map.entry("WheelFilename", text -> {
                WheelFilename wheel = WheelFilename.parse(text);
                return TAGS.rank(wheel);
            }),
            Map.entry("Tag", Tag::parse),
            Map.entry("PythonTarget", PythonTarget::parse),
            Map.entry("GlibcVersion", GlibcVersion::parse),
            Map.entry("MacosVersion", MacosVersion::parse));

    @Test
    void randomStringsYieldAValueOrTheTypedError() {
        Random random = new Random(SEED);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            inputs.add(randomString(random, random.nextInt(48)));
        }
        assertEveryParserIsTotal(inputs);
    }

    @Test
    void mutatedRealInputsYieldAValueOrTheTypedError() {
        Random random = new Random(SEED + 1);
        List<String> inputs = new ArrayList<>(SEEDS);
        List<String> wheelNames = PytorchWheelNamesConformanceTest.lines("packaging/pytorch-wheel-names.txt.gz");
        for (int i = 0; i < RANDOM_INPUTS; i++) {
            String original = random.nextBoolean() ? SEEDS.get(random.nextInt(SEEDS.size()))
                    : wheelNames.get(random.nextInt(wheelNames.size()));
            inputs.add(mutate(random, original));
        }
        assertEveryParserIsTotal(inputs);
    }

    @Test
    void hostileShapesYieldAValueOrTheTypedError() {
        List<String> inputs = List.of(
                "1" + ".0".repeat(50_000),
                "(".repeat(50_000),
                "os_name == 'nt' and ".repeat(2_000) + "os_name == 'nt'",
                ">=1.0,".repeat(5_000) + ">=1.0",
                "torch-" + "1".repeat(100) + "-cp312-cp312-linux_x86_64.whl",
                "a" + "_".repeat(100_000) + "b-1.0-py3-none-any.whl",
                "x".repeat(1_000_000),
                "torch[" + "a,".repeat(10_000) + "b]");
        assertEveryParserIsTotal(inputs);
    }

    private static void assertEveryParserIsTotal(List<String> inputs) {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Function<String, Object>> parser : PARSERS.entrySet()) {
            for (String input : inputs) {
                try {
                    Object value = parser.getValue().apply(input);
                    assertThat(value).isNotNull();
                } catch (PackagingParseException typed) {
                    if (typed.getMessage() == null || typed.getMessage().isEmpty()) {
                        failures.add(parser.getKey() + ": empty message for " + abbreviate(input));
                    }
                } catch (RuntimeException | StackOverflowError other) {
                    failures.add(parser.getKey() + ": " + other + " for " + abbreviate(input));
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static String randomString(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    /** One to three edits: delete, insert, replace, or duplicate a slice. */
    private static String mutate(Random random, String original) {
        StringBuilder text = new StringBuilder(original);
        int edits = 1 + random.nextInt(3);
        for (int edit = 0; edit < edits; edit++) {
            int position = text.length() == 0 ? 0 : random.nextInt(text.length());
            char character = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            switch (random.nextInt(4)) {
                case 0:
                    if (text.length() > 0) {
                        text.deleteCharAt(position);
                    }
                    break;
                case 1:
                    text.insert(position, character);
                    break;
                case 2:
                    if (text.length() > 0) {
                        text.setCharAt(position, character);
                    }
                    break;
                default:
                    int end = Math.min(text.length(), position + 1 + random.nextInt(8));
                    text.insert(position, text.substring(position, end));
                    break;
            }
        }
        return text.toString();
    }

    private static String abbreviate(String input) {
        return "'" + (input.length() > 120 ? input.substring(0, 120) + "..." : input) + "'";
    }

}
