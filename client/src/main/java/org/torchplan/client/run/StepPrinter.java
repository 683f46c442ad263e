package org.torchplan.client.run;

/** The one-line heading shown before each step, shared by plan printing, dry runs and real runs. */
public final class StepPrinter {
    private StepPrinter() {
    }

    public static String header(int number, int total, Step step) {
        String description = step.description().isBlank() ? "" : ": " + step.description();
        return "[" + number + "/" + total + "]" + description;
    }
}
