package org.torchplan.packaging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tags a target interpreter accepts, most preferred first, in the order pip's {@code sys_tags()} yields
 * them for CPython (pypa/packaging {@code tags.py}: {@code cpython_tags} then {@code compatible_tags}):
 * <ol>
 *   <li>{@code cp3Y-<abi>-<platform>} for each platform, {@code <abi>} being {@link PythonTarget#abiTag()}:
 *       {@code cp3Y}, free-threaded {@code cp3Yt}, and before 3.8 {@code cp3Ym} (packaging's
 *       {@code _cpython_abis} for a release build);</li>
 *   <li>{@code cp3Y-abi3-<platform>} (not on free-threaded builds, whose ABI has no stable subset yet);</li>
 *   <li>{@code cp3Y-none-<platform>};</li>
 *   <li>{@code cp3X-abi3-<platform>} for every older minor down to 3.2 (abi3 is forward compatible);</li>
 *   <li>{@code py3Y-none-<platform>}, {@code py3-none-<platform>}, {@code py3X-none-<platform>} for older minors;</li>
 *   <li>{@code cp3Y-none-any}, then {@code py3Y-none-any}, {@code py3-none-any}, {@code py3X-none-any}.</li>
 * </ol>
 * Platforms come from {@link PlatformTags}. Tag lookup is one hash probe per wheel tag, because it runs for
 * every file of every candidate in a plan.
 */
public final class SupportedTags {

    /** abi3 was introduced with CPython 3.2 (PEP 384). */
    private static final int FIRST_ABI3_MINOR = 2;

    /**
     * Targets repeat across requests and building the list costs far more than a plan's lookups, so results are
     * kept; the bound keeps memory flat whatever targets clients send (real fleets have a few dozen).
     */
    private static final int CACHE_LIMIT = 512;
    private static final Map<Target, SupportedTags> CACHE = new ConcurrentHashMap<>();

    private final Target target;
    private final List<Tag> tags;
    private final Map<Tag, Integer> ranks;

    private SupportedTags(Target target, List<Tag> tags) {
        this.target = target;
        this.tags = List.copyOf(tags);
        Map<Tag, Integer> ranks = new HashMap<>(tags.size() * 2);
        for (int rank = 0; rank < tags.size(); rank++) {
            ranks.putIfAbsent(tags.get(rank), rank);
        }
        this.ranks = ranks;
    }

    /** The supported tags of {@code target}. */
    public static SupportedTags of(Target target) {
        SupportedTags cached = CACHE.get(target);
        if (cached != null) {
            return cached;
        }
        SupportedTags computed = compute(target);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.putIfAbsent(target, computed);
        }
        return computed;
    }

    private static SupportedTags compute(Target target) {
        PythonTarget python = target.python();
        List<String> platforms = PlatformTags.of(target);
        Set<Tag> ordered = new LinkedHashSet<>();
        String interpreter = python.interpreterTag();
        boolean abi3 = !python.freeThreaded();
        addForEachPlatform(ordered, interpreter, python.abiTag(), platforms);
        if (abi3) {
            addForEachPlatform(ordered, interpreter, "abi3", platforms);
        }
        addForEachPlatform(ordered, interpreter, "none", platforms);
        if (abi3) {
            for (int minor = python.minor() - 1; minor >= FIRST_ABI3_MINOR; minor--) {
                addForEachPlatform(ordered, "cp" + python.major() + minor, "abi3", platforms);
            }
        }
        List<String> pythonRange = pythonRange(python);
        for (String version : pythonRange) {
            addForEachPlatform(ordered, version, "none", platforms);
        }
        ordered.add(new Tag(interpreter, "none", "any"));
        for (String version : pythonRange) {
            ordered.add(new Tag(version, "none", "any"));
        }
        return new SupportedTags(target, new ArrayList<>(ordered));
    }

    private static void addForEachPlatform(Set<Tag> tags, String interpreter, String abi, List<String> platforms) {
        for (String platform : platforms) {
            tags.add(new Tag(interpreter, abi, platform));
        }
    }

    /** {@code py312}, {@code py3}, {@code py311} ... {@code py30}: the generic Python tags, most specific first. */
    private static List<String> pythonRange(PythonTarget python) {
        List<String> versions = new ArrayList<>();
        versions.add("py" + python.major() + python.minor());
        versions.add("py" + python.major());
        for (int minor = python.minor() - 1; minor >= 0; minor--) {
            versions.add("py" + python.major() + minor);
        }
        return versions;
    }

    public Target target() {
        return target;
    }

    /** Every supported tag, most preferred first. */
    public List<Tag> tags() {
        return tags;
    }

    /** Whether the target installs {@code wheel}: some tag of the wheel is supported. */
    public boolean supports(WheelFilename wheel) {
        return rank(wheel) >= 0;
    }

    /** The position of {@code tag} in the preference order, or -1 when unsupported. */
    public int rank(Tag tag) {
        Integer rank = ranks.get(tag);
        return rank == null ? -1 : rank;
    }

    /** The rank of the wheel's best tag (lower is better, as pip prefers), or -1 when none is supported. */
    public int rank(WheelFilename wheel) {
        int best = -1;
        for (Tag tag : wheel.tags()) {
            Integer rank = ranks.get(tag);
            if (rank != null && (best < 0 || rank < best)) {
                best = rank;
            }
        }
        return best;
    }
}
