package dev.servicemetrics.metrics.entity;

import java.time.Instant;

/**
 * Fired (asynchronously) when a whole cycle produced no snapshot, typically because Prometheus is
 * unreachable; the latest {@link Snapshot} then stays as it was and is reported stale.
 */
public record CycleFailed(Instant at, FailureReason reason, String detail) {
}
