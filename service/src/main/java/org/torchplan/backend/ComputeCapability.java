package org.torchplan.backend;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An NVIDIA compute capability ({@code 8.6} for an RTX 3090, {@code 12.0} for an RTX 5090), the number
 * {@code nvidia-smi --query-gpu=compute_cap} prints and {@code TORCH_CUDA_ARCH_LIST} lists.
 */
public record ComputeCapability(int major, int minor) implements Comparable<ComputeCapability> {

    private static final Pattern DOTTED = Pattern.compile("([1-9][0-9]?)\\.([0-9])");
    // The nvcc spelling packs the minor into the last digit: sm_86 is 8.6, sm_120 is 12.0.
    private static final Pattern SM = Pattern.compile("sm_?([1-9][0-9]?)([0-9])");

    public ComputeCapability {
        if (major < 1 || major > 99 || minor < 0 || minor > 9) {
            throw new InvalidHardwareException("compute capability", major + "." + minor,
                    "a major of 1-99 and a minor of 0-9");
        }
    }

    /**
     * Parses {@code 8.6}, {@code 12.0}, or the nvcc forms {@code sm_86}, {@code sm86}, {@code sm_120}.
     *
     * @throws InvalidHardwareException naming the input, for anything else
     */
    public static ComputeCapability parse(String text) {
        String trimmed = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher dotted = DOTTED.matcher(trimmed);
        if (dotted.matches()) {
            return new ComputeCapability(Integer.parseInt(dotted.group(1)), Integer.parseInt(dotted.group(2)));
        }
        Matcher sm = SM.matcher(trimmed);
        if (sm.matches()) {
            return new ComputeCapability(Integer.parseInt(sm.group(1)), Integer.parseInt(sm.group(2)));
        }
        throw new InvalidHardwareException("compute capability", String.valueOf(text),
                "MAJOR.MINOR such as 8.6 or 12.0, or sm_86");
    }

    @Override
    public int compareTo(ComputeCapability other) {
        int byMajor = Integer.compare(major, other.major);
        return byMajor != 0 ? byMajor : Integer.compare(minor, other.minor);
    }

    /** {@code 8.6}. */
    @Override
    public String toString() {
        return major + "." + minor;
    }
}
