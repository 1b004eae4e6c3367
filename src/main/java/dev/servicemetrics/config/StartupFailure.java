package dev.servicemetrics.config;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * A service that cannot run as configured must not run half-configured: one line names the problem
 * and the process exits non-zero. The exit runs on its own thread because the container's shutdown
 * waits for the deployment that is calling us.
 */
public final class StartupFailure {

    private static final Logger LOG = Logger.getLogger(StartupFailure.class.getName());
    private static final AtomicBoolean STOPPING = new AtomicBoolean();
    static final int EXIT_CODE = 78; // EX_CONFIG from sysexits.h

    private StartupFailure() {
    }

    public static void stop(RuntimeException reason) {
        if (STOPPING.compareAndSet(false, true)) {
            LOG.severe("Configuration error, stopping: " + reason.getMessage());
            Thread exit = new Thread(() -> System.exit(EXIT_CODE), "service-metrics-config-exit");
            exit.setDaemon(false);
            exit.start();
        }
    }
}
