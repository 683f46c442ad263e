package org.torchplan.client.run;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs validated steps one after another as real processes with the terminal inherited, so pip's output and
 * progress bars reach the user unchanged. Stops at the first step that fails.
 */
public final class StepRunner {

    /** What a shell reports for a command it cannot find; used when a step's program does not exist. */
    public static final int COMMAND_NOT_FOUND = 127;

    private final String interpreter;
    private final List<String> pipArguments;
    private final PrintStream out;
    private final Map<String, String> environment;

    /**
     * @param pipArguments the user's pip options, added to every step right after {@code install}
     * @param environment the steps' whole environment: the client's own (so {@code PIP_CONFIG_FILE},
     *     {@code PIP_INDEX_URL} and the like reach pip as the user set them), or what an in-process caller passes
     */
    public StepRunner(String interpreter, List<String> pipArguments, PrintStream out, Map<String, String> environment) {
        this.interpreter = interpreter;
        this.pipArguments = List.copyOf(pipArguments);
        this.out = out;
        this.environment = Map.copyOf(environment);
    }

    /**
     * The argv that is actually run: {@code python} becomes the chosen interpreter; {@code uv} runs from PATH and
     * is pointed at the interpreter (the service cannot know its path); the user's pip options follow
     * {@code install}.
     */
    public List<String> commandLine(Step step) {
        List<String> argv = new ArrayList<>(step.argv());
        if ("python".equals(argv.get(0))) {
            argv.set(0, interpreter);
            argv.addAll(StepValidator.PIP_INSTALL.size(), pipArguments);
            return List.copyOf(argv);
        }
        int pythonOption = argv.indexOf("--python");
        if (pythonOption >= 0 && pythonOption + 1 < argv.size()) {
            argv.set(pythonOption + 1, interpreter);
        } else if (argv.contains("--python=python")) {
            argv.set(argv.indexOf("--python=python"), "--python=" + interpreter);
        } else {
            argv.addAll(StepValidator.UV_PIP_INSTALL.size(), List.of("--python", interpreter));
        }
        argv.addAll(StepValidator.UV_PIP_INSTALL.size(), pipArguments);
        return List.copyOf(argv);
    }

    /** @return 0 when every step succeeded, else the exit code of the first step that failed */
    public int run(List<Step> steps) {
        for (int index = 0; index < steps.size(); index++) {
            Step step = steps.get(index);
            List<String> argv = commandLine(step);
            out.println(StepPrinter.header(index + 1, steps.size(), step));
            out.println("  " + ShellQuoting.join(argv));
            out.flush();
            int exitCode = start(argv);
            if (exitCode != 0) {
                out.println("torchplan: step " + (index + 1) + " (" + step.description() + ") failed with exit code "
                        + exitCode + "; later steps were not run.");
                return exitCode;
            }
        }
        return 0;
    }

    private int start(List<String> argv) {
        ProcessBuilder builder = new ProcessBuilder(argv).inheritIO();
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException notStartable) {
            out.println("torchplan: cannot run " + argv.get(0) + " (" + notStartable.getMessage() + ")."
                    + ("uv".equals(argv.get(0)) ? " Install uv, or use --installer pip." : " Check --python."));
            return COMMAND_NOT_FOUND;
        }
        try {
            return process.waitFor();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroy();
            return 130;
        }
    }
}
