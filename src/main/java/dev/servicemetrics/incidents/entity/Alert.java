package dev.servicemetrics.incidents.entity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * One alert as Alertmanager reports it, through the webhook or its API. Start and end are kept to the
 * millisecond: the webhook sends nanoseconds, the API milliseconds, and both must give the same key.
 */
public record Alert(String fingerprint, Instant startsAt, Optional<Instant> endsAt, boolean firing,
                    Map<String, String> labels, Map<String, String> annotations, Optional<String> generatorUrl) {

    public Alert {
        Instant start = startsAt.truncatedTo(ChronoUnit.MILLIS);
        startsAt = start;
        endsAt = endsAt.map(end -> end.truncatedTo(ChronoUnit.MILLIS)).filter(end -> end.isAfter(start));
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public AlertKey key() {
        return new AlertKey(fingerprint, startsAt);
    }

    /** "alertname: summary", or whichever of the two exists, or the fingerprint as a last resort. */
    public String title() {
        String name = labels.get("alertname");
        String summary = annotations.get("summary");
        if (name != null && summary != null && !summary.isBlank()) {
            return name + ": " + summary;
        }
        if (name != null) {
            return name;
        }
        return summary != null && !summary.isBlank() ? summary : "Alert " + fingerprint;
    }

    public Severity severity() {
        return Severity.fromLabel(labels.get("severity"));
    }

    /** When it stopped firing: its end time if Alertmanager gave one in the past, otherwise now. */
    public Instant endedAt(Instant now) {
        return endsAt.filter(end -> !end.isAfter(now)).orElse(now);
    }

    /** The end recorded with it: a firing alert's expected end, if Alertmanager gave one; a resolved one's end. */
    public Optional<Instant> recordedEnd(Instant now) {
        return firing ? endsAt : Optional.of(endedAt(now));
    }
}
