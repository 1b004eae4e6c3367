package dev.servicemetrics.incidents.entity;

import java.time.Instant;
import java.util.Optional;

/**
 * An incident's alerts counted: how many fire (of which how many Alertmanager silences or inhibits),
 * how many in all, the most severe firing one, the last end.
 */
public record AlertTally(int firing, int total, int silenced, int inhibited, Optional<Severity> mostSevereFiring,
                         Optional<Instant> lastEnd) {

    public AlertTally(int firing, int total, Optional<Severity> mostSevereFiring, Optional<Instant> lastEnd) {
        this(firing, total, 0, 0, mostSevereFiring, lastEnd);
    }
}
