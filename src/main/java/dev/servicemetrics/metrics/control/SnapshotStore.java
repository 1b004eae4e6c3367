package dev.servicemetrics.metrics.control;

import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.metrics.entity.CycleFailed;
import dev.servicemetrics.metrics.entity.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Holds the latest snapshot and the latest failed cycle, for everything that reads rather than listens:
 * /metrics, /api/metrics, readiness, a WebSocket client that just connected. Stale means the last cycle
 * failed or the snapshot is older than two intervals (a stuck timer shows as stale too).
 */
@ApplicationScoped
public class SnapshotStore {

    @Inject
    ServiceConfiguration configuration;

    private volatile Snapshot latest;
    private volatile CycleFailed lastFailure;
    Clock clock = Clock.systemUTC();

    void onSnapshot(@ObservesAsync Snapshot snapshot) {
        accept(snapshot);
    }

    void onCycleFailed(@ObservesAsync CycleFailed failure) {
        accept(failure);
    }

    synchronized void accept(Snapshot snapshot) {
        if (latest == null || !snapshot.timestamp().isBefore(latest.timestamp())) {
            latest = snapshot;
        }
    }

    synchronized void accept(CycleFailed failure) {
        if (lastFailure == null || failure.at().isAfter(lastFailure.at())) {
            lastFailure = failure;
        }
    }

    public Optional<Snapshot> latest() {
        return Optional.ofNullable(latest);
    }

    public Optional<CycleFailed> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** Whether any cycle has ended yet, successfully or not. */
    public boolean anyCycleEnded() {
        return latest != null || lastFailure != null;
    }

    public boolean stale() {
        Snapshot snapshot = latest;
        if (snapshot == null) {
            return true;
        }
        CycleFailed failure = lastFailure;
        if (failure != null && failure.at().isAfter(snapshot.timestamp())) {
            return true;
        }
        return age(snapshot).compareTo(configuration.scrapeInterval().multipliedBy(2)) > 0;
    }

    public Duration age(Snapshot snapshot) {
        return Duration.between(snapshot.timestamp(), Instant.now(clock));
    }
}
