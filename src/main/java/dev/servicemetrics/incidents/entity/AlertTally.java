package dev.servicemetrics.incidents.entity;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
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

    /**
     * The tally of alerts none of which Alertmanager has reported silenced or inhibited yet, as the database
     * counts their rows once recorded (see {@link Alert#recordedEnd(Instant)}): a new incident's alerts.
     */
    public static AlertTally ofNew(Collection<Alert> alerts, Instant now) {
        int firing = (int) alerts.stream().filter(Alert::firing).count();
        Optional<Severity> mostSevere = alerts.stream().filter(Alert::firing).map(Alert::severity)
                .max(Comparator.comparingInt(Severity::rank));
        Optional<Instant> lastEnd = alerts.stream().flatMap(alert -> alert.recordedEnd(now).stream()).max(Comparator.naturalOrder());
        return new AlertTally(firing, alerts.size(), mostSevere, lastEnd);
    }
}
