package org.torchplan.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A wheel file name (PEP 427, "binary distribution format"):
 * {@code {name}-{version}(-{build tag})?-{python tags}-{abi tags}-{platform tags}.whl}, where each tag field
 * may be a compressed set joined by {@code .} ({@code manylinux_2_17_x86_64.manylinux2014_x86_64}).
 * The expanded {@link #tags()} are computed once, because tag matching is on the planner's hot path.
 */
public final class WheelFilename {

    private static final String SUFFIX = ".whl";
    /** Wheel names escape every run of other characters to '_', so only these remain. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._]*[A-Za-z0-9])?");
    /** The build tag must start with a digit so it sorts as (number, rest). */
    private static final Pattern BUILD_TAG = Pattern.compile("[0-9][A-Za-z0-9_]*");

    private final String filename;
    private final String name;
    private final Version version;
    private final String buildTag;
    private final List<String> pythonTags;
    private final List<String> abiTags;
    private final List<String> platformTags;
    private final List<Tag> tags;

    private WheelFilename(String filename, String name, Version version, String buildTag, List<String> pythonTags,
            List<String> abiTags, List<String> platformTags) {
        this.filename = filename;
        this.name = name;
        this.version = version;
        this.buildTag = buildTag;
        this.pythonTags = pythonTags;
        this.abiTags = abiTags;
        this.platformTags = platformTags;
        List<Tag> expanded = new ArrayList<>(pythonTags.size() * abiTags.size() * platformTags.size());
        for (String pythonTag : pythonTags) {
            for (String abiTag : abiTags) {
                for (String platformTag : platformTags) {
                    expanded.add(new Tag(pythonTag, abiTag, platformTag));
                }
            }
        }
        this.tags = List.copyOf(expanded);
    }

    /**
     * Parses a wheel file name (the file name only, no directory or URL).
     *
     * @throws InvalidWheelFilenameException naming the input
     */
    public static WheelFilename parse(String filename) {
        if (filename == null) {
            throw new InvalidWheelFilenameException(null, "no file name given");
        }
        if (!filename.endsWith(SUFFIX)) {
            throw new InvalidWheelFilenameException(filename, "does not end in " + SUFFIX);
        }
        String[] parts = filename.substring(0, filename.length() - SUFFIX.length()).split("-", -1);
        if (parts.length != 5 && parts.length != 6) {
            throw new InvalidWheelFilenameException(filename,
                    "expected name-version(-build)-python-abi-platform.whl, found " + parts.length + " fields");
        }
        // Escaping collapses every run of other characters into one '_', so '__' never comes from a real name.
        if (!NAME.matcher(parts[0]).matches() || parts[0].contains("__")) {
            throw new InvalidWheelFilenameException(filename, "invalid project name '" + parts[0] + "'");
        }
        Version version;
        try {
            version = Version.parse(parts[1]);
        } catch (InvalidVersionException invalidVersion) {
            throw new InvalidWheelFilenameException(filename, "invalid version '" + parts[1] + "'");
        }
        String buildTag = null;
        if (parts.length == 6) {
            buildTag = parts[2];
            if (!BUILD_TAG.matcher(buildTag).matches()) {
                throw new InvalidWheelFilenameException(filename,
                        "invalid build tag '" + buildTag + "': it must start with a digit");
            }
        }
        int tagStart = parts.length - 3;
        return new WheelFilename(filename, PackageName.normalize(parts[0]), version, buildTag,
                tagSet(filename, parts[tagStart]), tagSet(filename, parts[tagStart + 1]),
                tagSet(filename, parts[tagStart + 2]));
    }

    private static List<String> tagSet(String filename, String field) {
        List<String> tags = new ArrayList<>();
        for (String tag : field.split("\\.", -1)) {
            if (!Tag.isTagComponent(tag)) {
                throw new InvalidWheelFilenameException(filename, "invalid tag set '" + field + "'");
            }
            tags.add(tag);
        }
        return List.copyOf(tags);
    }

    /** The project name, PEP 503 normalized ({@code TorchCodec} gives {@code torchcodec}). */
    public String name() {
        return name;
    }

    public Version version() {
        return version;
    }

    public Optional<String> buildTag() {
        return Optional.ofNullable(buildTag);
    }

    /**
     * Orders two wheels of one version by build tag, as the wheel spec and pip do: no build tag first, then by the
     * tag's leading number, then by the rest as text. Installers prefer the greater one.
     */
    public int compareBuildTagTo(WheelFilename other) {
        if (buildTag == null || other.buildTag == null) {
            return Boolean.compare(buildTag != null, other.buildTag != null);
        }
        String number = leadingDigits(buildTag);
        String otherNumber = leadingDigits(other.buildTag);
        String digits = number.replaceFirst("^0+(?=.)", "");
        String otherDigits = otherNumber.replaceFirst("^0+(?=.)", "");
        int byNumber = digits.length() != otherDigits.length()
                ? Integer.compare(digits.length(), otherDigits.length()) : digits.compareTo(otherDigits);
        return byNumber != 0 ? byNumber
                : buildTag.substring(number.length()).compareTo(other.buildTag.substring(otherNumber.length()));
    }

    private static String leadingDigits(String tag) {
        int end = 0;
        while (end < tag.length() && Character.isDigit(tag.charAt(end))) {
            end++;
        }
        return tag.substring(0, end);
    }

    /** The python tags as written ({@code cp312}, or {@code py2}, {@code py3} for {@code py2.py3}). */
    public List<String> pythonTags() {
        return pythonTags;
    }

    public List<String> abiTags() {
        return abiTags;
    }

    public List<String> platformTags() {
        return platformTags;
    }

    /** Every tag this wheel declares, the compressed sets expanded (python x abi x platform). */
    public List<Tag> tags() {
        return tags;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof WheelFilename wheel && filename.equals(wheel.filename);
    }

    @Override
    public int hashCode() {
        return filename.hashCode();
    }

    /** The file name exactly as parsed. */
    @Override
    public String toString() {
        return filename;
    }
}
