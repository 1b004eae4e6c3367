package dev.servicemetrics.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while the process can serve: a dependency being down never makes the service "dead"
 * (restarting it would not bring Prometheus back). Only exhausted heap does.
 */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

    private static final double HEAP_EXHAUSTED = 0.98;

    @Override
    public HealthCheckResponse call() {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        double ratio = (double) used / runtime.maxMemory();
        return HealthCheckResponse.named("process")
                .status(ratio < HEAP_EXHAUSTED)
                .withData("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000)
                .withData("heapUsedBytes", used)
                .withData("heapMaxBytes", runtime.maxMemory())
                .build();
    }
}
