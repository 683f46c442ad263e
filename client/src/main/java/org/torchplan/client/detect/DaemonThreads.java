package org.torchplan.client.detect;

import java.util.concurrent.Executor;

/**
 * One daemon thread per task. Probe work blocks on processes, so it must not borrow the common fork-join pool
 * (whose few threads a blocked task would starve), and it must never keep the short-lived client alive.
 */
final class DaemonThreads implements Executor {

    static final DaemonThreads INSTANCE = new DaemonThreads();

    private DaemonThreads() {
    }

    @Override
    public void execute(Runnable task) {
        Thread thread = new Thread(task, "torchplan-probe");
        thread.setDaemon(true);
        thread.start();
    }
}
