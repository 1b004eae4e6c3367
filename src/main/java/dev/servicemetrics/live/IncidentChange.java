package dev.servicemetrics.live;

import jakarta.json.JsonObject;

/**
 * An incident was created or updated, fired (synchronously: its observer only queues it) once committed;
 * {@link IncidentFeed} coalesces the changes of each incident over a short window and every /ws client
 * subscribed to the {@code incidents} channel receives them as
 * {@code {"channel":"incidents","type":"changes","timestamp":…,"data":{"changes":[{"change":<type>,"incident":<incident>},…]}}}.
 *
 * @param type     {@link #CREATED} or {@link #UPDATED}
 * @param incident the incident as GET /api/incidents/{id} shows it (without its timeline)
 */
public record IncidentChange(String type, JsonObject incident) {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";

    public IncidentChange {
        if (!CREATED.equals(type) && !UPDATED.equals(type)) {
            throw new IllegalArgumentException("type must be created or updated, not " + type);
        }
        if (incident == null) {
            throw new IllegalArgumentException("incident is required");
        }
    }

    public static IncidentChange created(JsonObject incident) {
        return new IncidentChange(CREATED, incident);
    }

    public static IncidentChange updated(JsonObject incident) {
        return new IncidentChange(UPDATED, incident);
    }
}
