package org.torchplan.plan;

import java.util.List;
import java.util.Objects;

/**
 * One command of a plan, as an argument vector run without a shell.
 *
 * <p>The literal {@value #INTERPRETER} stands for the caller's Python interpreter: as {@code argv[0]} of a pip
 * step, and as the value of {@code --python} in a uv step. Callers substitute it; nothing else is rewritten.
 */
public record InstallStep(String description, List<String> argv) {

    /** The placeholder the caller replaces with its interpreter. */
    public static final String INTERPRETER = "python";

    public InstallStep {
        Objects.requireNonNull(description, "description");
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("an install step needs a command");
        }
    }

    /** Whether the argument at {@code index} is the interpreter placeholder rather than a literal argument. */
    public boolean isInterpreter(int index) {
        if (!INTERPRETER.equals(argv.get(index))) {
            return false;
        }
        return index == 0 || "--python".equals(argv.get(index - 1));
    }
}
