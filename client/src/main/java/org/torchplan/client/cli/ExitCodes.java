package org.torchplan.client.cli;

/** The exit codes scripts can rely on; any other code is the exit code of the install step that failed. */
public final class ExitCodes {
    public static final int DONE = 0;
    public static final int USAGE = 2;
    /** The service cannot be reached, did not answer in time, failed (5xx) or answered with something unusable. */
    public static final int SERVICE_UNREACHABLE = 3;
    /** The service refused the request (4xx): wrong input or forbidden by fleet policy. */
    public static final int SERVICE_REFUSED = 4;
    /** {@code install}: the plan has no steps, no requirement applies to this machine; nothing was installed. */
    public static final int NOTHING_TO_INSTALL = 5;

    private ExitCodes() {
    }
}
