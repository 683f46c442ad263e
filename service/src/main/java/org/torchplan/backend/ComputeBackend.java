package org.torchplan.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PyTorch compute backend: the folder name under {@code download.pytorch.org/whl/} and the local
 * version label of its wheels ({@code cpu}, {@code cu126}, {@code rocm6.2.4}, {@code xpu}).
 *
 * <p>Values are normalized: {@code cu12.6}, {@code cuda12.6} and {@code CU126} all parse to {@code cu126}.
 * CUDA and ROCm backends order by their version, numerically ({@code cu92 < cu100}, {@code rocm6.9 <
 * rocm6.10}); across kinds the order is {@code cpu < cuda < rocm < xpu}, which only serves to make the
 * order total.
 */
public final class ComputeBackend implements Comparable<ComputeBackend> {

    /** The family of a backend. */
    public enum Kind {
        CPU,
        CUDA,
        ROCM,
        XPU
    }

    public static final ComputeBackend CPU = new ComputeBackend(Kind.CPU, List.of());
    public static final ComputeBackend XPU = new ComputeBackend(Kind.XPU, List.of());

    // Folder names pack CUDA major and minor without a dot: cu92 is 9.2, cu126 is 12.6. Two digits are
    // one-digit major and minor, three are a two-digit major; four would be a two-digit minor (13.10).
    private static final Pattern CUDA_PACKED = Pattern.compile("cu(?:da)?([1-9][0-9]{1,3})");
    private static final Pattern CUDA_DOTTED = Pattern.compile("cu(?:da)?([1-9][0-9]?)\\.(0|[1-9][0-9]?)");
    private static final Pattern ROCM = Pattern.compile("rocm([0-9]+(?:\\.[0-9]+){1,2})");

    private final Kind kind;
    private final List<Integer> version;

    private ComputeBackend(Kind kind, List<Integer> version) {
        this.kind = kind;
        this.version = List.copyOf(version);
    }

    /** The CUDA backend for {@code major.minor}, e.g. {@code cuda(12, 6)} is {@code cu126}. */
    public static ComputeBackend cuda(int major, int minor) {
        return cuda("cuda" + major + "." + minor, major, minor);
    }

    private static ComputeBackend cuda(String text, int major, int minor) {
        // PyTorch never built for CUDA before 7.5; the floor also keeps every value's packed name unambiguous.
        if (major < 7 || major > 99 || minor < 0 || minor > 99) {
            throw new InvalidBackendException(text, "CUDA major must be 7-99 and minor 0-99");
        }
        if (major < 10 && minor > 9) {
            // cu910 already means CUDA 91.0 in the packed folder-name form; 9.10 has no spelling of its own.
            throw new InvalidBackendException(text, "a one-digit CUDA major takes a one-digit minor");
        }
        return new ComputeBackend(Kind.CUDA, List.of(major, minor));
    }

    /**
     * The backend a text names in any accepted spelling, or null when it names none. Cheap for the common case of
     * a word that is no backend at all (an index folder, a local label): no exception is made for it.
     */
    public static ComputeBackend parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        String name = text.trim(); // as parse trims
        if (!(name.regionMatches(true, 0, "cu", 0, 2) || name.regionMatches(true, 0, "cpu", 0, 3)
                || name.regionMatches(true, 0, "rocm", 0, 4) || name.regionMatches(true, 0, "xpu", 0, 3))) {
            return null; // every accepted spelling starts with one of these
        }
        try {
            return parse(text);
        } catch (InvalidBackendException notABackend) {
            return null;
        }
    }

    /**
     * Parses a backend name in any accepted spelling, case-insensitively and ignoring surrounding blanks.
     *
     * @throws InvalidBackendException naming the input and the accepted forms
     */
    public static ComputeBackend parse(String text) {
        if (text == null) {
            throw new InvalidBackendException("null", "no backend given");
        }
        String name = text.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "cpu":
                return CPU;
            case "xpu":
                return XPU;
            default:
                break;
        }
        Matcher dotted = CUDA_DOTTED.matcher(name);
        if (dotted.matches()) {
            return cuda(text, Integer.parseInt(dotted.group(1)), Integer.parseInt(dotted.group(2)));
        }
        Matcher packed = CUDA_PACKED.matcher(name);
        if (packed.matches()) {
            return unpackCuda(text, packed.group(1));
        }
        Matcher rocm = ROCM.matcher(name);
        if (rocm.matches()) {
            return rocm(text, rocm.group(1));
        }
        throw new InvalidBackendException(text, "not a known backend name");
    }

    private static ComputeBackend unpackCuda(String text, String digits) {
        switch (digits.length()) {
            case 2:
                if (digits.charAt(0) < '7') {
                    // PyTorch's packed names start at cu75; "cu12" is someone meaning CUDA 12, not CUDA 1.2.
                    throw new InvalidBackendException(text, "ambiguous CUDA number, name the minor (cu126 or cu12.6)");
                }
                return cuda(text, digits.charAt(0) - '0', digits.charAt(1) - '0');
            case 3:
                return cuda(text, Integer.parseInt(digits.substring(0, 2)), digits.charAt(2) - '0');
            default:
                int minor = Integer.parseInt(digits.substring(2));
                if (minor < 10) {
                    // cu1206 would be a second spelling of cu126; only one spelling is canonical.
                    throw new InvalidBackendException(text, "a four-digit CUDA number needs a two-digit minor");
                }
                return cuda(text, Integer.parseInt(digits.substring(0, 2)), minor);
        }
    }

    private static ComputeBackend rocm(String text, String dottedVersion) {
        List<Integer> parts = new ArrayList<>();
        for (String part : dottedVersion.split("\\.")) {
            if (part.length() > 1 && part.charAt(0) == '0') {
                throw new InvalidBackendException(text, "ROCm version parts have no leading zeros");
            }
            if (part.length() > 4) {
                throw new InvalidBackendException(text, "ROCm version part too large");
            }
            parts.add(Integer.parseInt(part));
        }
        if (parts.get(0) == 0) {
            throw new InvalidBackendException(text, "ROCm major version starts at 1");
        }
        return new ComputeBackend(Kind.ROCM, parts);
    }

    public Kind kind() {
        return kind;
    }

    /** True for every backend except {@code cpu}. */
    public boolean isAccelerated() {
        return kind != Kind.CPU;
    }

    public boolean isCuda() {
        return kind == Kind.CUDA;
    }

    public boolean isRocm() {
        return kind == Kind.ROCM;
    }

    /**
     * The numeric version: {@code [12, 6]} for cu126, {@code [6, 2, 4]} for rocm6.2.4, empty for cpu and xpu.
     */
    public List<Integer> version() {
        return version;
    }

    /** The CUDA or ROCm major version. */
    public int majorVersion() {
        requireVersioned();
        return version.get(0);
    }

    /** The CUDA or ROCm minor version. */
    public int minorVersion() {
        requireVersioned();
        return version.get(1);
    }

    private void requireVersioned() {
        if (version.isEmpty()) {
            throw new IllegalStateException(this + " has no version");
        }
    }

    @Override
    public int compareTo(ComputeBackend other) {
        int byKind = kind.compareTo(other.kind);
        if (byKind != 0) {
            return byKind;
        }
        int length = Math.max(version.size(), other.version.size());
        for (int index = 0; index < length; index++) {
            int difference = Integer.compare(part(index), other.part(index));
            if (difference != 0) {
                return difference;
            }
        }
        // rocm6.2 and rocm6.2.0 are distinct folders; keep the order total and consistent with equals.
        return Integer.compare(version.size(), other.version.size());
    }

    private int part(int index) {
        return index < version.size() ? version.get(index) : 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ComputeBackend backend && kind == backend.kind && version.equals(backend.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, version);
    }

    /** The canonical name: {@code cpu}, {@code xpu}, {@code cu126}, {@code rocm6.2.4}. */
    @Override
    public String toString() {
        switch (kind) {
            case CPU:
                return "cpu";
            case XPU:
                return "xpu";
            case CUDA:
                return "cu" + version.get(0) + version.get(1);
            default:
                StringBuilder name = new StringBuilder("rocm");
                for (int index = 0; index < version.size(); index++) {
                    name.append(index == 0 ? "" : ".").append(version.get(index));
                }
                return name.toString();
        }
    }
}
