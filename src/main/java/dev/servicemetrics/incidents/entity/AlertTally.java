package dev.servicemetrics.incidents.entity;

import java.time.Instant;
import java.util.Optional;

/** An incident's alerts counted: how many fire, how many in all, the most severe firing, the last end. */
public record AlertTally(int firing, int total, Optional<Severity> mostSevereFiring, Optional<Instant> lastEnd) {
}
