package org.torchplan.client.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.torchplan.client.detect.InterpreterLocator;
import org.torchplan.client.detect.Machine;
import org.torchplan.client.detect.ProcessCommandRunner;
import org.torchplan.client.detect.PythonInterpreter;
import org.torchplan.client.http.PlanClient;
import org.torchplan.client.http.PlanRequest;
import org.torchplan.client.http.Rendering;
import org.torchplan.client.http.ServiceRefusedException;
import org.torchplan.client.run.InstalledDistributions;
import org.torchplan.client.run.RequirementsFileException;
import org.torchplan.client.run.RequirementsFileReader;
import org.torchplan.client.run.RequirementsInput;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What to plan, and for which interpreter: shared by {@code plan} and {@code install}. */
final class PlanOptions {

    private static final List<String> CHANNELS = List.of("stable", "test", "nightly");
    private static final List<String> STRATEGIES = List.of("newest-torch", "newest-backend");
    private static final List<String> INSTALLERS = List.of("pip", "uv");

    @Parameters(paramLabel = "REQUIREMENT", arity = "0..*",
            description = "PEP 508 requirements, e.g. torch 'torchvision>=0.20' transformers")
    List<String> requirements = new ArrayList<>();

    @Option(names = {"-r", "--requirement"}, paramLabel = "FILE",
            description = "read requirements from FILE, as pip does (repeatable)")
    List<Path> requirementFiles = new ArrayList<>();

    @Option(names = "--python", paramLabel = "PATH",
            description = "interpreter to plan for and install into (default: the active virtualenv's; else python3, "
                    + "which install takes only with --system)")
    String python;

    @Option(names = "--backend", paramLabel = "BACKEND",
            description = "auto, cpu, cu126, rocm6.4, xpu, ... (env TORCHPLAN_BACKEND, else UV_TORCH_BACKEND or "
                    + "LTT_PYTORCH_COMPUTATION_BACKEND; default: the service's choice)")
    String backend;

    @Option(names = "--channel", paramLabel = "CHANNEL",
            description = "stable, test or nightly (default: stable; test with --pre)")
    String channel;

    @Option(names = "--strategy", paramLabel = "STRATEGY", description = "newest-torch or newest-backend")
    String strategy;

    @Option(names = "--installer", paramLabel = "INSTALLER", description = "pip or uv (default: pip)")
    String installer;

    @ArgGroup(validate = false, heading = "%nSpellings of light-the-torch and uv (see docs/client.md):%n")
    FamiliarOptions familiar = new FamiliarOptions();

    /**
     * Where a backend may come from, in order: the environment variables are read only when no backend option is
     * given, and a variable of another tool is named when it is used.
     */
    static final List<String> BACKEND_VARIABLES =
            List.of("TORCHPLAN_BACKEND", "UV_TORCH_BACKEND", "LTT_PYTORCH_COMPUTATION_BACKEND");

    String interpreter(CliContext context) {
        return InterpreterLocator.choose(Optional.ofNullable(python), context.environment(), context.host());
    }

    /**
     * The requirements (the arguments, then each file's, in order, each with where it was written), the
     * constraints files' lines and what the files say for pip.
     *
     * @param constraintsFiles {@code -c} files of the command line
     */
    RequirementsInput readRequirements(CliContext context, List<String> constraintsFiles) {
        RequirementsInput input = new RequirementsInput();
        RequirementsFileReader reader = new RequirementsFileReader(context.environment());
        try {
            for (int index = 0; index < requirements.size(); index++) {
                input.addArgument(requirements.get(index), index + 1);
            }
            for (Path file : requirementFiles) {
                reader.read(file, RequirementsFileReader.Kind.REQUIREMENTS, input);
            }
            for (String file : constraintsFiles) {
                reader.read(Path.of(file), RequirementsFileReader.Kind.CONSTRAINTS, input);
            }
        } catch (RequirementsFileException unusable) {
            throw new UsageProblem(unusable.getMessage());
        }
        if (input.requirements().isEmpty()) {
            throw new UsageProblem("name at least one requirement (for example: torch torchvision), "
                    + "or pass -r requirements.txt");
        }
        return input;
    }

    /** Checks the choices before anything slow (detection, the network) happens. */
    void checkChoices() {
        channel(false);
        backendOption();
        checked("--strategy", strategy, STRATEGIES);
        checked("--installer", installer, INSTALLERS);
    }

    /** Whether pre-releases were asked for: {@code --pre} on the command line or in a requirements file. */
    boolean preReleases(RequirementsInput input) {
        return familiar.pre || input.preReleases();
    }

    /**
     * {@code --channel} or {@code --pytorch-channel}; else the test channel when pre-releases are asked for, as
     * light-the-torch does.
     */
    Optional<String> channel(boolean preReleases) {
        checked("--channel", channel, CHANNELS);
        checked("--pytorch-channel", familiar.pytorchChannel, CHANNELS);
        return agreed(List.of(Given.option("--channel", channel), Given.option("--pytorch-channel", familiar.pytorchChannel)))
                .or(() -> preReleases ? Optional.of("test") : Optional.empty());
    }

    /**
     * The backend asked for: the options (which must agree), else the first of {@link #BACKEND_VARIABLES} that is
     * set; a notice on standard error says when another tool's variable chose it.
     */
    Optional<String> backend(CliContext context) {
        Optional<String> given = backendOption();
        if (given.isPresent()) {
            return given;
        }
        for (String variable : BACKEND_VARIABLES) {
            Optional<String> value = Optional.ofNullable(context.environment().get(variable))
                    .map(String::strip).filter(text -> !text.isEmpty());
            if (value.isPresent()) {
                if (!variable.equals(BACKEND_VARIABLES.get(0))) {
                    context.err().println("torchplan: backend " + value.get() + " from " + variable
                            + " (neither --backend nor TORCHPLAN_BACKEND is set)");
                }
                return Optional.of(oneBackend(value.get(), variable));
            }
        }
        return Optional.empty();
    }

    /** The backend the options name; they must agree. */
    private Optional<String> backendOption() {
        return agreed(List.of(Given.option("--backend", backend),
                Given.option("--torch-backend", familiar.torchBackend),
                Given.option("--pytorch-computation-backend", familiar.pytorchComputationBackend),
                new Given("--cpuonly", familiar.cpuOnly ? "cpu" : null)))
                .map(value -> oneBackend(value, "--pytorch-computation-backend"));
    }

    /** light-the-torch takes a list of backends and picks one; the service is asked for one. */
    private static String oneBackend(String value, String source) {
        if (value.contains(",")) {
            throw new UsageProblem(source + " lists several backends (" + value + "): the service plans for one. "
                    + "Name one (for example --backend " + value.split(",")[0].strip() + "), or none and the "
                    + "service chooses for this machine");
        }
        return value;
    }

    /** An option's value (null when not given), and the option as typed. */
    private record Given(String typed, String value) {
        static Given option(String name, String value) {
            return new Given(name + " " + value, value);
        }
    }

    /** The one value the given options name; options naming different values are a usage error. */
    private static Optional<String> agreed(List<Given> options) {
        Given first = null;
        for (Given option : options) {
            if (option.value() == null) {
                continue;
            }
            if (first == null) {
                first = option;
            } else if (!first.value().equals(option.value())) {
                throw new UsageProblem(first.typed() + " and " + option.typed() + " disagree; pass one of them");
            }
        }
        return first == null ? Optional.empty() : Optional.of(first.value());
    }

    Optional<String> installer() {
        return checked("--installer", installer, INSTALLERS);
    }

    /**
     * Checks the options, detects the machine (in the background, while the HTTP client starts) and asks the
     * service for the plan in {@code rendering}; the answer's text as the service sent it. The requirements files'
     * notices are shown first; the service's errors name the file and line (or argument) of each requirement.
     */
    /** The service refuses bodies over 64 KiB; what is installed must leave room for the rest. */
    private static final int MAXIMUM_BODY_CHARACTERS = 60 * 1024;

    /** The request telling what is installed, unless that would make the body larger than the service takes. */
    static PlanRequest withInstalledIfItFits(PlanRequest request, List<InstalledDistributions.Installed> installed,
                                             CliContext context) {
        PlanRequest withInstalled = request.withInstalled(installed);
        if (withInstalled.toJson().length() <= MAXIMUM_BODY_CHARACTERS) {
            return withInstalled;
        }
        context.err().println("torchplan: the interpreter has " + installed.size() + " distributions installed, more"
                + " than a request carries; planning as for an empty environment (what is installed may be replaced)");
        return request;
    }

    String askService(CliContext context, ServiceOptions service, String interpreter, RequirementsInput input,
                      Rendering rendering) {
        checkChoices();
        var server = service.server(context);
        input.notices().forEach(notice -> context.err().println("torchplan: " + notice));
        CompletableFuture<Machine> detection = context.detector().detectInBackground(interpreter);
        CompletableFuture<Optional<List<InstalledDistributions.Installed>>> installed = CompletableFuture.supplyAsync(
                () -> InstalledDistributions.read(new ProcessCommandRunner(), interpreter));
        PlanClient client = service.client(server);
        PlanRequest request = withInstalledIfItFits(request(context, detection.join(), input),
                installed.join().orElse(List.of()), context);
        try {
            return client.plan(request, rendering);
        } catch (ServiceRefusedException refused) {
            throw new ServiceRefusedException(refused.problem(), input::label);
        }
    }

    PlanRequest request(CliContext context, Machine machine, RequirementsInput input) {
        PythonInterpreter interpreter = machine.python().orElseThrow(() -> new UsageProblem(
                "cannot run the Python interpreter '" + machine.interpreter() + "' (not found, or it is not Python 3). "
                        + "Pass --python PATH, or activate the virtualenv to install into."));
        return PlanRequest.forMachine(machine, interpreter, input.requirementTexts(), channel(preReleases(input)),
                backend(context), checked("--strategy", strategy, STRATEGIES), installer());
    }

    private static Optional<String> checked(String option, String value, List<String> allowed) {
        if (value == null) {
            return Optional.empty();
        }
        if (!allowed.contains(value)) {
            throw new UsageProblem(option + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'");
        }
        return Optional.of(value);
    }
}
