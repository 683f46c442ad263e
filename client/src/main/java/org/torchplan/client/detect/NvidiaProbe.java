package org.torchplan.client.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the NVIDIA driver and GPUs: the kernel module's version files first (cheap, no process), then
 * {@code nvidia-smi} for the compute capability and names (and the driver when the files are absent, as on WSL2
 * and Windows).
 */
public final class NvidiaProbe {

    static final String SYS_MODULE_VERSION = "/sys/module/nvidia/version";
    static final String PROC_DRIVER_VERSION = "/proc/driver/nvidia/version";
    static final String WSL_NVIDIA_SMI = "/usr/lib/wsl/lib/nvidia-smi";

    private static final Pattern DRIVER_VERSION = Pattern.compile("\\d+\\.\\d+(?:\\.\\d+)?");
    // "NVRM version: NVIDIA UNIX x86_64 Kernel Module  570.86.10  ..." and the open module's
    // "NVRM version: NVIDIA UNIX Open Kernel Module for x86_64  570.86.10  Release Build ..."
    private static final Pattern PROC_VERSION_LINE =
            Pattern.compile("NVRM version:.*?\\s(\\d+\\.\\d+(?:\\.\\d+)?)\\s", Pattern.MULTILINE);

    private final FileSystemRoot root;
    private final CommandRunner runner;
    private final HostSystem host;
    private final Duration timeout;
    private final ProbeLog log = new ProbeLog("NVIDIA");

    public NvidiaProbe(FileSystemRoot root, CommandRunner runner, HostSystem host, Duration timeout) {
        this.root = root;
        this.runner = runner;
        this.host = host;
        this.timeout = timeout;
    }

    /** Where this probe looked and what it found, in order. */
    public List<ProbeAttempt> attempts() {
        return log.attempts();
    }

    public Optional<DetectedGpu.Nvidia> probe() {
        Optional<Fact> moduleDriver = driverFromKernelModule();
        Optional<SmiReport> report = querySmi();
        Optional<Fact> driver = moduleDriver.or(() -> report.map(SmiReport::driver));
        if (driver.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DetectedGpu.Nvidia(driver.get(),
                report.flatMap(SmiReport::lowestComputeCapability),
                report.map(SmiReport::names).orElse(List.of())));
    }

    private Optional<Fact> driverFromKernelModule() {
        if (host != HostSystem.LINUX) {
            return Optional.empty();
        }
        Optional<Fact> fromSys = log.file(root, SYS_MODULE_VERSION,
                text -> Optional.of(text.strip()).filter(version -> DRIVER_VERSION.matcher(version).matches()),
                version -> "driver " + version)
                .map(version -> new Fact(version, SYS_MODULE_VERSION));
        if (fromSys.isPresent()) {
            return fromSys;
        }
        return log.file(root, PROC_DRIVER_VERSION, NvidiaProbe::parseProcDriverVersion, version -> "driver " + version)
                .map(version -> new Fact(version, PROC_DRIVER_VERSION));
    }

    static Optional<String> parseProcDriverVersion(String text) {
        Matcher matcher = PROC_VERSION_LINE.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private List<String> smiCandidates() {
        switch (host) {
            case LINUX:
                return List.of("nvidia-smi", WSL_NVIDIA_SMI);
            case WINDOWS:
                return List.of("nvidia-smi.exe", "C:\\Windows\\System32\\nvidia-smi.exe");
            default:
                return List.of();
        }
    }

    private Optional<SmiReport> querySmi() {
        if (smiCandidates().isEmpty()) {
            log.record("nvidia-smi", "skipped: NVIDIA GPUs are only looked for on Linux and Windows");
        }
        for (String program : smiCandidates()) {
            Optional<SmiReport> report = runSmi(program, "driver_version,compute_cap,name")
                    // drivers before 510 do not know the compute_cap field
                    .or(() -> runSmi(program, "driver_version,name"));
            if (report.isPresent()) {
                return report;
            }
        }
        return Optional.empty();
    }

    private Optional<SmiReport> runSmi(String program, String fields) {
        return log.command(runner, List.of(program, "--query-gpu=" + fields, "--format=csv,noheader"), timeout,
                output -> parseSmiOutput(output, fields.contains("compute_cap"), program), SmiReport::describe);
    }

    /** Parses {@code nvidia-smi --query-gpu=... --format=csv,noheader}: one line per GPU. */
    static Optional<SmiReport> parseSmiOutput(String output, boolean withComputeCapability, String program) {
        int expectedColumns = withComputeCapability ? 3 : 2;
        String driver = null;
        ComputeCapability lowest = null;
        List<String> names = new ArrayList<>();
        for (String line : output.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] columns = line.split(",", expectedColumns);
            if (columns.length != expectedColumns || !DRIVER_VERSION.matcher(columns[0].strip()).matches()) {
                return Optional.empty();
            }
            driver = driver == null ? columns[0].strip() : driver;
            names.add(columns[expectedColumns - 1].strip());
            if (withComputeCapability) {
                Optional<ComputeCapability> capability = ComputeCapability.parse(columns[1]);
                if (capability.isPresent() && (lowest == null || capability.get().compareTo(lowest) < 0)) {
                    lowest = capability.get();
                }
            }
        }
        if (driver == null) {
            return Optional.empty();
        }
        Fact lowestFact = lowest == null ? null
                : new Fact(lowest.toString(), names.size() > 1 ? program + " (lowest of " + names.size() + " GPUs)" : program);
        return Optional.of(new SmiReport(new Fact(driver, program), Optional.ofNullable(lowestFact), names));
    }

    record SmiReport(Fact driver, Optional<Fact> lowestComputeCapability, List<String> names) {
        String describe() {
            return "driver " + driver.value() + ", " + names.size() + (names.size() == 1 ? " GPU" : " GPUs")
                    + lowestComputeCapability.map(capability -> ", compute capability "
                            + (names.size() > 1 ? "at least " : "") + capability.value()).orElse("");
        }
    }
}
