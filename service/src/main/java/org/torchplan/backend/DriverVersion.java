package org.torchplan.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An NVIDIA display driver version as {@code nvidia-smi} reports it: {@code 570.86.10} on Linux,
 * {@code 580.65} or {@code 452.39} on Windows. Compared numerically part by part, a missing part counting
 * as zero ({@code 580 == 580.0}), so {@code 525.60.13 > 525.60.9}, which a string comparison gets wrong.
 */
public final class DriverVersion implements Comparable<DriverVersion> {

    private static final Pattern FORM = Pattern.compile("[0-9]{1,6}(?:\\.[0-9]{1,6}){0,3}");

    private final List<Integer> parts;
    private final String text;

    private DriverVersion(List<Integer> parts, String text) {
        this.parts = List.copyOf(parts);
        this.text = text;
    }

    /**
     * Parses one to four dot-separated numbers.
     *
     * @throws InvalidHardwareException naming the input, for anything else (empty, signs, letters, {@code 570..1})
     */
    public static DriverVersion parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!FORM.matcher(trimmed).matches()) {
            throw new InvalidHardwareException("NVIDIA driver version", String.valueOf(text),
                    "one to four dot-separated numbers such as 570.86.10 or 580.65");
        }
        List<Integer> parts = new ArrayList<>();
        for (String part : trimmed.split("\\.")) {
            parts.add(Integer.parseInt(part));
        }
        return new DriverVersion(parts, trimmed);
    }

    /** The numeric parts, as written. */
    public List<Integer> parts() {
        return parts;
    }

    /** The major version ({@code 570} for {@code 570.86.10}), the number NVIDIA's branches are named by. */
    public int major() {
        return parts.get(0);
    }

    public boolean isAtLeast(DriverVersion minimum) {
        return compareTo(minimum) >= 0;
    }

    @Override
    public int compareTo(DriverVersion other) {
        int length = Math.max(parts.size(), other.parts.size());
        for (int index = 0; index < length; index++) {
            int difference = Integer.compare(part(index), other.part(index));
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }

    private int part(int index) {
        return index < parts.size() ? parts.get(index) : 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DriverVersion driver && compareTo(driver) == 0;
    }

    @Override
    public int hashCode() {
        int end = parts.size();
        while (end > 1 && parts.get(end - 1) == 0) {
            end--;
        }
        return parts.subList(0, end).hashCode();
    }

    /** The version as written, without surrounding blanks. */
    @Override
    public String toString() {
        return text;
    }
}
