package org.torchplan.client.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Runs the probes (concurrently: the client is short-lived and each probe may start a process) and applies the
 * environment overrides CI runners and tests use instead of hardware.
 */
public final class MachineDetector {

    public static final String CUDA_DRIVER_VERSION = "TORCHPLAN_CUDA_DRIVER_VERSION";
    public static final String CUDA_COMPUTE_CAPABILITY = "TORCHPLAN_CUDA_COMPUTE_CAPABILITY";
    public static final String AMD_GPU_ARCHITECTURE = "TORCHPLAN_AMD_GPU_ARCHITECTURE";
    public static final String NO_GPU = "TORCHPLAN_NO_GPU";

    private final Map<String, String> environment;
    private final FileSystemRoot root;
    private final CommandRunner runner;
    private final HostSystem host;
    private final Duration probeTimeout;
    private final Duration pythonTimeout;

    public MachineDetector(Map<String, String> environment, FileSystemRoot root, CommandRunner runner, HostSystem host,
                           Duration probeTimeout, Duration pythonTimeout) {
        this.environment = Map.copyOf(environment);
        this.root = root;
        this.runner = runner;
        this.host = host;
        this.probeTimeout = probeTimeout;
        this.pythonTimeout = pythonTimeout;
    }

    public static MachineDetector forThisMachine(Map<String, String> environment) {
        return new MachineDetector(environment, FileSystemRoot.system(), new ProcessCommandRunner(), HostSystem.current(),
                Duration.ofSeconds(5), Duration.ofSeconds(15));
    }

    /** Detects in the background, so the caller can prepare its own work (the HTTP client) meanwhile. */
    public CompletableFuture<Machine> detectInBackground(String interpreter) {
        return CompletableFuture.supplyAsync(() -> detect(interpreter), DaemonThreads.INSTANCE);
    }

    public Machine detect(String interpreter) {
        CompletableFuture<Optional<PythonInterpreter>> python = CompletableFuture.supplyAsync(
                () -> new PythonProbe(runner, pythonTimeout).probe(interpreter), DaemonThreads.INSTANCE);
        List<String> notes = new ArrayList<>();
        List<ProbeAttempt> probes = new ArrayList<>();
        List<DetectedGpu> gpus = detectGpus(notes, probes);
        return assemble(interpreter, orNotFound("Python", python::join, notes), gpus, notes, probes);
    }

    private List<DetectedGpu> detectGpus(List<String> notes, List<ProbeAttempt> probes) {
        if (isSet(NO_GPU) && !"0".equals(environment.get(NO_GPU).strip())) {
            notes.add(NO_GPU + " is set: no GPU is reported, the plan is for cpu");
            return List.of();
        }
        Optional<String> driverOverride = value(CUDA_DRIVER_VERSION);
        Optional<String> capabilityOverride = value(CUDA_COMPUTE_CAPABILITY);
        Optional<String> amdOverride = value(AMD_GPU_ARCHITECTURE);
        List<DetectedGpu> gpus = new ArrayList<>();
        if (driverOverride.isPresent()) {
            gpus.add(new DetectedGpu.Nvidia(fromEnvironment(CUDA_DRIVER_VERSION, driverOverride.get()),
                    capabilityOverride.map(capability -> fromEnvironment(CUDA_COMPUTE_CAPABILITY, capability)), List.of()));
        }
        amdOverride.ifPresent(architecture -> gpus.add(
                new DetectedGpu.Amd(fromEnvironment(AMD_GPU_ARCHITECTURE, architecture), List.of(architecture))));
        if (!gpus.isEmpty()) {
            notes.add("GPU taken from the environment; hardware probes skipped");
            return gpus;
        }
        NvidiaProbe nvidiaProbe = new NvidiaProbe(root, runner, host, probeTimeout);
        AmdProbe amdProbe = new AmdProbe(root, runner, host, probeTimeout);
        IntelProbe intelProbe = new IntelProbe(root, host);
        CompletableFuture<Optional<DetectedGpu.Nvidia>> nvidia =
                CompletableFuture.supplyAsync(nvidiaProbe::probe, DaemonThreads.INSTANCE);
        CompletableFuture<Optional<DetectedGpu.Amd>> amd =
                CompletableFuture.supplyAsync(amdProbe::probe, DaemonThreads.INSTANCE);
        Optional<DetectedGpu.Intel> intel = orNotFound("Intel", intelProbe::probe, notes);
        orNotFound("NVIDIA", nvidia::join, notes).map(found -> capabilityOverride
                        .map(capability -> new DetectedGpu.Nvidia(found.driverVersion(),
                                Optional.of(fromEnvironment(CUDA_COMPUTE_CAPABILITY, capability)), found.names()))
                        .orElse(found))
                .ifPresent(gpus::add);
        orNotFound("AMD", amd::join, notes).ifPresent(gpus::add);
        intel.ifPresent(gpus::add);
        // read after the joins: each probe wrote its log on its own thread
        probes.addAll(nvidiaProbe.attempts());
        probes.addAll(amdProbe.attempts());
        probes.addAll(intelProbe.attempts());
        return gpus;
    }

    /** A probe that breaks unexpectedly finds nothing: detection must never stop a plan. */
    private static <T> Optional<T> orNotFound(String probe, Supplier<Optional<T>> result, List<String> notes) {
        try {
            return result.get();
        } catch (RuntimeException broken) {
            Throwable cause = broken instanceof CompletionException && broken.getCause() != null ? broken.getCause() : broken;
            notes.add("the " + probe + " probe failed (" + cause + "); treated as not found");
            return Optional.empty();
        }
    }

    private Machine assemble(String interpreter, Optional<PythonInterpreter> python, List<DetectedGpu> gpus,
                             List<String> notes, List<ProbeAttempt> probes) {
        String pythonSource = python.map(found -> found.executable() + " platform").orElse("the Java runtime");
        Fact operatingSystem = python.map(PythonInterpreter::system).flatMap(MachineDetector::operatingSystemId)
                .map(id -> new Fact(id, pythonSource))
                .orElseGet(() -> new Fact(host.id(), "the Java runtime"));
        Fact architecture = python.map(PythonInterpreter::machine).filter(machine -> !machine.isBlank())
                .map(machine -> new Fact(architectureId(machine, operatingSystem.value()), pythonSource))
                .orElseGet(() -> new Fact(architectureId(System.getProperty("os.arch", ""), operatingSystem.value()),
                        "the Java runtime"));
        Optional<Fact> glibc = python.flatMap(PythonInterpreter::glibcVersion)
                .map(version -> new Fact(version, pythonSource.replace(" platform", " platform.libc_ver()")));
        Optional<Fact> macos = python.flatMap(PythonInterpreter::macosVersion)
                .map(version -> new Fact(version, pythonSource.replace(" platform", " platform.mac_ver()")));
        return new Machine(operatingSystem, architecture, glibc, macos, interpreter, python, gpus, notes, probes);
    }

    static Optional<String> operatingSystemId(String pythonSystem) {
        switch (pythonSystem) {
            case "Linux":
                return Optional.of("linux");
            case "Windows":
                return Optional.of("windows");
            case "Darwin":
                return Optional.of("macos");
            default:
                return Optional.empty();
        }
    }

    /** The service's architecture names: Windows says AMD64, the JVM amd64, macOS arm64 and Linux aarch64. */
    static String architectureId(String machine, String operatingSystem) {
        String name = machine.toLowerCase(Locale.ROOT);
        switch (name) {
            case "amd64":
            case "x86_64":
            case "x64":
                return "x86_64";
            case "arm64":
            case "aarch64":
                return "macos".equals(operatingSystem) ? "arm64" : "aarch64";
            default:
                return name;
        }
    }

    private boolean isSet(String name) {
        return value(name).isPresent();
    }

    private Optional<String> value(String name) {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(text -> !text.isEmpty());
    }

    private static Fact fromEnvironment(String name, String value) {
        return new Fact(value.strip(), "environment " + name);
    }
}
