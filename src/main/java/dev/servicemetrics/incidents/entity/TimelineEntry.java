package dev.servicemetrics.incidents.entity;

import dev.servicemetrics.Timestamps;
import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Optional;

/** One timeline entry as the API shows it. */
public record TimelineEntry(long id, long incidentId, EventType type, Instant at, String by, Optional<String> message) {

    public static TimelineEntry of(TimelineEvent event) {
        return new TimelineEntry(event.id(), event.incidentId(), event.type(), event.occurredAt(), event.actor(), event.message());
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                .add("id", id)
                .add("incidentId", incidentId)
                .add("type", type.wireName())
                .add("at", Timestamps.iso(at))
                .add("by", by);
        message.ifPresentOrElse(m -> json.add("message", m), () -> json.addNull("message"));
        return json.build();
    }
}
