package dev.servicemetrics.metrics.entity;

/** A query of one cycle that failed: the entry it belongs to, why (a {@link FailureReason}), and Prometheus' words. */
public record QueryFailure(String query, FailureReason reason, String detail) {
}
