package dev.servicemetrics.incidents.control;

import java.time.Instant;
import java.util.Optional;

/**
 * What one reconciliation with Alertmanager found and did, or why it could not run: the alerts it held, and of
 * them the alerts recorded ({@code opened}, as the webhook's answer counts them) and resolved by this run.
 */
public record ReconcileRun(Instant at, Optional<String> failure, int alerts, int opened, int resolved) {

    static ReconcileRun succeeded(Instant at, int alerts, int opened, int resolved) {
        return new ReconcileRun(at, Optional.empty(), alerts, opened, resolved);
    }

    static ReconcileRun failed(Instant at, String failure) {
        return new ReconcileRun(at, Optional.of(failure), 0, 0, 0);
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }
}
