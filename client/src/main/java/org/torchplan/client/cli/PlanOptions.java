package org.torchplan.client.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.torchplan.client.detect.InterpreterLocator;
import org.torchplan.client.detect.Machine;
import org.torchplan.client.detect.PythonInterpreter;
import org.torchplan.client.http.PlanClient;
import org.torchplan.client.http.PlanRequest;
import org.torchplan.client.http.Rendering;
import org.torchplan.client.run.RequirementsFileException;
import org.torchplan.client.run.RequirementsFileReader;
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
            description = "interpreter to plan for and install into (default: the active virtualenv's, else python3)")
    String python;

    @Option(names = "--backend", paramLabel = "BACKEND",
            description = "auto, cpu, cu126, rocm6.4, xpu, ... (env TORCHPLAN_BACKEND; default: the service's choice)")
    String backend;

    @Option(names = "--channel", paramLabel = "CHANNEL", description = "stable, test or nightly (default: stable)")
    String channel;

    @Option(names = "--strategy", paramLabel = "STRATEGY", description = "newest-torch or newest-backend")
    String strategy;

    @Option(names = "--installer", paramLabel = "INSTALLER", description = "pip or uv (default: pip)")
    String installer;

    String interpreter(CliContext context) {
        return InterpreterLocator.choose(Optional.ofNullable(python), context.environment(), context.host());
    }

    /** All requirements: the arguments, then each file's, in order. */
    List<String> allRequirements(CliContext context) {
        List<String> all = new ArrayList<>(requirements);
        RequirementsFileReader reader = new RequirementsFileReader(context.environment());
        for (Path file : requirementFiles) {
            try {
                all.addAll(reader.read(file));
            } catch (RequirementsFileException unreadable) {
                throw new UsageProblem(unreadable.getMessage());
            }
        }
        if (all.isEmpty()) {
            throw new UsageProblem("name at least one requirement (for example: torch torchvision), "
                    + "or pass -r requirements.txt");
        }
        return all;
    }

    /** Checks the choices before anything slow (detection, the network) happens. */
    void checkChoices() {
        checked("--channel", channel, CHANNELS);
        checked("--strategy", strategy, STRATEGIES);
        checked("--installer", installer, INSTALLERS);
    }

    Optional<String> installer() {
        return checked("--installer", installer, INSTALLERS);
    }

    /**
     * Checks the options, detects the machine (in the background, while the HTTP client starts) and asks the
     * service for the plan in {@code rendering}; the answer's text as the service sent it.
     */
    String askService(CliContext context, ServiceOptions service, String interpreter, Rendering rendering) {
        checkChoices();
        var server = service.server(context);
        List<String> requirements = allRequirements(context);
        CompletableFuture<Machine> detection = context.detector().detectInBackground(interpreter);
        PlanClient client = service.client(server);
        return client.plan(request(context, detection.join(), requirements), rendering);
    }

    PlanRequest request(CliContext context, Machine machine, List<String> allRequirements) {
        PythonInterpreter interpreter = machine.python().orElseThrow(() -> new UsageProblem(
                "cannot run the Python interpreter '" + machine.interpreter() + "' (not found, or it is not Python 3). "
                        + "Pass --python PATH, or activate the virtualenv to install into."));
        Optional<String> chosenBackend = Optional.ofNullable(backend)
                .or(() -> Optional.ofNullable(context.environment().get("TORCHPLAN_BACKEND")))
                .map(String::strip)
                .filter(text -> !text.isEmpty());
        return PlanRequest.forMachine(machine, interpreter, allRequirements,
                checked("--channel", channel, CHANNELS), chosenBackend,
                checked("--strategy", strategy, STRATEGIES), installer());
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
