package org.torchplan.client.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.torchplan.client.http.Plan;
import org.torchplan.client.http.TerminalText;
import org.torchplan.client.run.ShellQuoting;
import org.torchplan.client.run.Step;
import org.torchplan.client.run.StepPrinter;

/** Prints a plan for a person: backend, pins, why, warnings, then the commands. */
final class PlanPrinter {

    private PlanPrinter() {
    }

    /**
     * @param commandLine how each step is shown: as the service wrote it, or with the interpreter substituted
     * @param terminal where to print; everything the service wrote is shown with its control characters escaped
     */
    static void print(Plan plan, PrintStream terminal, Function<Step, List<String>> commandLine) {
        Lines out = new Lines(terminal);
        out.println(plan.backend().isEmpty()
                ? "Plan: no PyTorch package for this machine, channel " + plan.channel()
                : "Plan: backend " + plan.backend() + ", channel " + plan.channel());
        int width = plan.packages().stream().mapToInt(pinned -> pinned.name().length()).max().orElse(0);
        for (Plan.PlannedPackage pinned : plan.packages()) {
            out.println("  " + pad(pinned.name(), width) + "  " + pinned.version());
        }
        if (!plan.explanation().isEmpty()) {
            out.println("Why:");
            plan.explanation().forEach(line -> out.println("  - " + line));
        }
        plan.warnings().forEach(line -> out.println("Warning: " + line));
        plan.catalog().ifPresent(catalog -> out.println("Catalog: " + catalog.source()
                + catalog.fetchedAt().map(time -> ", fetched " + time).orElse("")
                + (catalog.stale() ? " (stale: see the warnings)" : "")));
        out.println("Commands:");
        for (int index = 0; index < plan.steps().size(); index++) {
            Step step = plan.steps().get(index);
            out.println("  " + StepPrinter.header(index + 1, plan.steps().size(), step));
            out.println("    " + ShellQuoting.join(commandLine.apply(step)));
        }
    }

    /** Prints lines of the service's text with their control characters escaped. */
    private record Lines(PrintStream out) {
        void println(String line) {
            out.println(TerminalText.escape(line));
        }
    }

    /** The files torchplan wrote for pip, each with its lines, for a dry run. */
    static void printFiles(Map<Path, List<String>> files, PrintStream out) {
        files.forEach((file, lines) -> {
            out.println("File " + file + ":");
            lines.forEach(line -> out.println("    " + line));
        });
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
