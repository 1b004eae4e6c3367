package dev.servicemetrics.incidents.entity;

import dev.servicemetrics.Timestamps;
import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An incident as the API and the live channel show it: no timeline, no alerts (only their count,
 * firing of total), no raw payload, so a page of hundreds stays small. Absent values are JSON nulls so that every incident has the same shape.
 */
public record IncidentView(long id, String title, Severity severity, IncidentStatus status, IncidentSource source,
                           Optional<String> receiver, Map<String, String> groupLabels, int alertsFiring, int alertsTotal,
                           int alertsSilenced, int alertsInhibited,
                           Map<String, String> labels, Map<String, String> annotations,
                           Instant startedAt, Optional<Instant> acknowledgedAt, Optional<String> acknowledgedBy,
                           Optional<Instant> resolvedAt, Optional<String> resolvedBy,
                           Optional<Long> previousIncidentId, Instant updatedAt, long version) {

    public IncidentView {
        groupLabels = new TreeMap<>(groupLabels);
        labels = new TreeMap<>(labels);
        annotations = new TreeMap<>(annotations);
    }

    public static IncidentView of(Incident incident) {
        return of(incident, incident.labels(), incident.annotations());
    }

    /** For lists, whose labels and annotations are read for the whole page at once. */
    public static IncidentView of(Incident incident, Map<String, String> labels, Map<String, String> annotations) {
        return new IncidentView(incident.id(), incident.title(), incident.severity(), incident.status(), incident.source(),
                incident.receiver(), incident.groupLabels(), incident.alertsFiring(), incident.alertsTotal(),
                incident.alertsSilenced(), incident.alertsInhibited(),
                labels, annotations, incident.startsAt(),
                incident.acknowledgedAt(), incident.acknowledgedBy(), incident.resolvedAt(), incident.resolvedBy(),
                incident.previousIncidentId(), incident.updatedAt(), incident.version());
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                .add("id", id)
                .add("title", title)
                .add("severity", severity.wireName())
                .add("status", status.wireName())
                .add("source", source.wireName());
        text(json, "receiver", receiver);
        json.add("groupLabels", object(groupLabels))
                .add("alertCount", JsonFactory.createObjectBuilder().add("firing", alertsFiring).add("total", alertsTotal)
                        .add("silenced", alertsSilenced).add("inhibited", alertsInhibited))
                .add("labels", object(labels))
                .add("annotations", object(annotations))
                .add("startedAt", Timestamps.iso(startedAt));
        text(json, "acknowledgedAt", acknowledgedAt.map(Timestamps::iso));
        text(json, "acknowledgedBy", acknowledgedBy);
        text(json, "resolvedAt", resolvedAt.map(Timestamps::iso));
        text(json, "resolvedBy", resolvedBy);
        previousIncidentId.ifPresentOrElse(previous -> json.add("previousIncidentId", previous),
                () -> json.addNull("previousIncidentId"));
        return json.add("updatedAt", Timestamps.iso(updatedAt))
                .add("version", version)
                .build();
    }

    private static JsonObjectBuilder object(Map<String, String> values) {
        JsonObjectBuilder object = JsonFactory.createObjectBuilder();
        values.forEach(object::add);
        return object;
    }

    private static void text(JsonObjectBuilder json, String name, Optional<String> value) {
        value.ifPresentOrElse(v -> json.add(name, v), () -> json.addNull(name));
    }
}
