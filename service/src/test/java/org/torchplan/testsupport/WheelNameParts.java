package org.torchplan.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The parts of a wheel file name (PEP 427, binary distribution format), as far as generating a wheel needs them.
 * The production parser lives in {@code org.torchplan.packaging}; test support keeps its own small reading so the
 * fixtures never depend on the code they help to test.
 *
 * @param fileName     the file name as given, e.g. {@code torch-2.12.0+cu126-cp311-cp311-manylinux_2_28_x86_64.whl}
 * @param distribution the distribution part as written in the file name (already escaped: {@code torch_tensorrt})
 * @param version      the version as written in the file name, local label included ({@code 2.12.0+cu126})
 * @param buildTag     the optional build tag ({@code 1} in {@code torch-2.0.0-1-cp310-...})
 * @param pythonTags   the compressed python tag set split on dots ({@code py2.py3} gives two)
 * @param abiTags      the ABI tag set
 * @param platformTags the platform tag set
 */
public record WheelNameParts(
        String fileName,
        String distribution,
        String version,
        Optional<String> buildTag,
        List<String> pythonTags,
        List<String> abiTags,
        List<String> platformTags) {

    private static final String SUFFIX = ".whl";

    public WheelNameParts {
        pythonTags = List.copyOf(pythonTags);
        abiTags = List.copyOf(abiTags);
        platformTags = List.copyOf(platformTags);
    }

    public static WheelNameParts parse(String fileName) {
        if (fileName == null || !fileName.endsWith(SUFFIX) || fileName.contains("/")) {
            throw new IllegalArgumentException("not a wheel file name: " + fileName);
        }
        String[] parts = fileName.substring(0, fileName.length() - SUFFIX.length()).split("-", -1);
        if (parts.length != 5 && parts.length != 6) {
            throw new IllegalArgumentException(
                    "a wheel file name has 5 or 6 dash-separated parts, " + fileName + " has " + parts.length);
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("empty part in wheel file name: " + fileName);
            }
        }
        int tagsStart = parts.length - 3;
        Optional<String> buildTag = parts.length == 6 ? Optional.of(parts[2]) : Optional.empty();
        return new WheelNameParts(fileName, parts[0], parts[1], buildTag,
                List.of(parts[tagsStart].split("\\.")),
                List.of(parts[tagsStart + 1].split("\\.")),
                List.of(parts[tagsStart + 2].split("\\.")));
    }

    /** Every {@code python-abi-platform} tag the compressed tag sets stand for, as WHEEL's {@code Tag} lines list them. */
    public List<String> expandedTags() {
        List<String> tags = new ArrayList<>();
        for (String python : pythonTags) {
            for (String abi : abiTags) {
                for (String platform : platformTags) {
                    tags.add(python + "-" + abi + "-" + platform);
                }
            }
        }
        return List.copyOf(tags);
    }

    /** PEP 503 normalized project name: the key of {@code /simple/<name>/} pages. */
    public String normalizedName() {
        return distribution.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /** The top-level module a generated wheel ships: {@code torch}, {@code torchvision}, {@code torch_tensorrt}. */
    public String importName() {
        return distribution.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "_");
    }

    /** Pure-python wheels install into purelib; everything PyTorch ships is platform specific. */
    public boolean isPurePython() {
        return platformTags.equals(List.of("any"));
    }
}
