package org.torchplan.client.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds AMD GPU architectures ({@code gfx90a}): ROCm's own tools when installed, else the amdgpu kernel driver's
 * KFD topology, which exists without any ROCm user space.
 */
public final class AmdProbe {

    static final String KFD_NODES = "/sys/class/kfd/kfd/topology/nodes";

    private static final Pattern GFX_NAME = Pattern.compile("gfx[0-9a-f]+");
    private static final Pattern ROCMINFO_NAME = Pattern.compile("^\\s*Name:\\s+(gfx[0-9a-f]+)\\s*$", Pattern.MULTILINE);
    private static final Pattern TARGET_VERSION = Pattern.compile("^gfx_target_version\\s+(\\d+)\\s*$", Pattern.MULTILINE);
    /** The CPU agent ROCm lists next to the GPUs. */
    private static final String CPU_AGENT = "gfx000";

    private final FileSystemRoot root;
    private final CommandRunner runner;
    private final HostSystem host;
    private final Duration timeout;
    private final ProbeLog log = new ProbeLog("AMD");

    public AmdProbe(FileSystemRoot root, CommandRunner runner, HostSystem host, Duration timeout) {
        this.root = root;
        this.runner = runner;
        this.host = host;
        this.timeout = timeout;
    }

    /** Where this probe looked and what it found, in order. */
    public List<ProbeAttempt> attempts() {
        return log.attempts();
    }

    public Optional<DetectedGpu.Amd> probe() {
        if (host != HostSystem.LINUX) {
            log.record("ROCm tools and the amdgpu driver", "skipped: only looked for on Linux");
            return Optional.empty();
        }
        return fromTool("rocm_agent_enumerator", AmdProbe::parseAgentEnumerator)
                .or(() -> fromTool("rocminfo", AmdProbe::parseRocminfo))
                .or(this::fromKfdTopology);
    }

    private Optional<DetectedGpu.Amd> fromTool(String program, Function<String, List<String>> parser) {
        return log.command(runner, List.of(program), timeout,
                output -> found(parser.apply(output), program), AmdProbe::describe);
    }

    private Optional<DetectedGpu.Amd> fromKfdTopology() {
        List<String> nodes = root.list(KFD_NODES);
        if (nodes.isEmpty()) {
            log.record(KFD_NODES, "not present (no amdgpu kernel driver)");
            return Optional.empty();
        }
        List<String> architectures = new ArrayList<>();
        for (String node : nodes) {
            root.read(KFD_NODES + "/" + node + "/properties")
                    .flatMap(AmdProbe::parseKfdProperties)
                    .ifPresent(architectures::add);
        }
        Optional<DetectedGpu.Amd> found = found(architectures, KFD_NODES + "/*/properties");
        log.record(KFD_NODES + "/*/properties",
                found.map(AmdProbe::describe).orElse("no GPU node among " + nodes.size() + " nodes"));
        return found;
    }

    /**
     * The lowest architecture decides, as the lowest compute capability does for NVIDIA: the wheel must have kernels
     * for every GPU of the machine, and its oldest one is the likeliest to be left out.
     */
    private static Optional<DetectedGpu.Amd> found(List<String> architectures, String source) {
        Set<String> distinct = new LinkedHashSet<>(architectures);
        distinct.remove(CPU_AGENT);
        Optional<GfxArchitecture> lowest = distinct.stream().map(GfxArchitecture::parse)
                .flatMap(Optional::stream).min(Comparator.naturalOrder());
        if (distinct.isEmpty()) {
            return Optional.empty();
        }
        List<String> all = List.copyOf(distinct);
        String sent = lowest.map(GfxArchitecture::toString).orElse(all.get(0));
        return Optional.of(new DetectedGpu.Amd(
                new Fact(sent, all.size() > 1 ? source + " (lowest of " + all.size() + " architectures)" : source), all));
    }

    private static String describe(DetectedGpu.Amd gpu) {
        return "found " + String.join(", ", gpu.allArchitectures());
    }

    static List<String> parseAgentEnumerator(String output) {
        List<String> names = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String name = line.strip();
            if (GFX_NAME.matcher(name).matches()) {
                names.add(name);
            }
        }
        return names;
    }

    static List<String> parseRocminfo(String output) {
        List<String> names = new ArrayList<>();
        Matcher matcher = ROCMINFO_NAME.matcher(output);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Reads {@code gfx_target_version} from a KFD node's properties; CPU nodes report 0. */
    static Optional<String> parseKfdProperties(String properties) {
        Matcher matcher = TARGET_VERSION.matcher(properties);
        if (!matcher.find()) {
            return Optional.empty();
        }
        long targetVersion;
        try {
            targetVersion = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
        return targetVersion == 0 ? Optional.empty() : Optional.of(gfxName(targetVersion));
    }

    /**
     * {@code gfx_target_version} packs major*10000 + minor*100 + stepping; the LLVM name writes major and minor in
     * decimal and the stepping as one hex digit: 90010 is gfx90a, 110000 gfx1100, 100300 gfx1030.
     */
    static String gfxName(long targetVersion) {
        long major = targetVersion / 10000;
        long minor = (targetVersion / 100) % 100;
        long stepping = targetVersion % 100;
        return "gfx" + major + minor + Long.toHexString(stepping);
    }
}
