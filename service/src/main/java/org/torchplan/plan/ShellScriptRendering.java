package org.torchplan.plan;

import java.util.List;

/**
 * Renders a plan as a POSIX sh script for {@code curl ... | sh}.
 *
 * <p>Safety rests on one rule: every argument is a single-quoted word, inside which sh expands nothing, with each
 * {@code '} written as {@code '\''}. The only unquoted text is the fixed interpreter expansion. Comment lines carry
 * only printable ASCII, so no text of the plan can end a comment and start a command.
 */
public final class ShellScriptRendering {

    /** The interpreter word: the caller's {@code PYTHON}, else {@code python3}. */
    static final String INTERPRETER_WORD = "\"${PYTHON:-python3}\"";

    private ShellScriptRendering() {
    }

    public static String render(PlanResult plan) {
        StringBuilder script = new StringBuilder(512);
        script.append("#!/bin/sh\n");
        comment(script, plan.backend() == null
                ? "torchplan install plan: no PyTorch package for this machine"
                : "torchplan install plan: " + plan.backend() + " wheels from the " + plan.channel().id() + " channel");
        comment(script, "Set PYTHON to choose the interpreter (default: python3).");
        for (String line : plan.explanation()) {
            comment(script, line);
        }
        for (String line : plan.warnings()) {
            comment(script, "warning: " + line);
        }
        script.append("set -eu\n");
        for (InstallStep step : plan.steps()) {
            comment(script, step.description());
            script.append(command(step)).append('\n');
        }
        return script.toString();
    }

    /** One step as a shell command line: the interpreter expansion, every other argument single-quoted. */
    static String command(InstallStep step) {
        List<String> argv = step.argv();
        StringBuilder line = new StringBuilder(256);
        for (int index = 0; index < argv.size(); index++) {
            if (index > 0) {
                line.append(' ');
            }
            line.append(step.isInterpreter(index) ? INTERPRETER_WORD : quote(argv.get(index)));
        }
        return line.toString();
    }

    /** Single-quotes a word for sh: nothing inside single quotes is special except the closing quote. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static void comment(StringBuilder script, String text) {
        script.append("# ");
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            script.append(character >= 0x20 && character < 0x7f ? character : '?');
        }
        script.append('\n');
    }
}
