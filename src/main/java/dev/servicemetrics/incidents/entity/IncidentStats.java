package dev.servicemetrics.incidents.entity;

import dev.servicemetrics.Timestamps;
import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Counts and mean times over the incidents that started in a window [from, to). Every status and
 * severity is present, zero included, so that a dashboard's numbers never change shape.
 * Mean time to acknowledge covers the acknowledged incidents, mean time to resolve the resolved ones,
 * both measured from the incident's start.
 */
public record IncidentStats(Instant from, Instant to, Map<IncidentStatus, Long> byStatus, Map<Severity, Long> bySeverity,
                            long acknowledged, OptionalDouble meanSecondsToAcknowledge,
                            long resolved, OptionalDouble meanSecondsToResolve) {

    public IncidentStats {
        byStatus = complete(IncidentStatus.class, byStatus);
        bySeverity = complete(Severity.class, bySeverity);
    }

    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public JsonObject toJson() {
        JsonObjectBuilder statuses = JsonFactory.createObjectBuilder();
        byStatus.forEach((status, count) -> statuses.add(status.wireName(), count));
        JsonObjectBuilder severities = JsonFactory.createObjectBuilder();
        bySeverity.forEach((severity, count) -> severities.add(severity.wireName(), count));
        JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                .add("from", Timestamps.iso(from))
                .add("to", Timestamps.iso(to))
                .add("total", total())
                .add("byStatus", statuses)
                .add("bySeverity", severities)
                .add("acknowledged", acknowledged)
                .add("resolved", resolved);
        seconds(json, "meanTimeToAcknowledgeSeconds", meanSecondsToAcknowledge);
        seconds(json, "meanTimeToResolveSeconds", meanSecondsToResolve);
        return json.build();
    }

    private static void seconds(JsonObjectBuilder json, String name, OptionalDouble value) {
        if (value.isPresent()) {
            json.add(name, Math.round(value.getAsDouble() * 1000) / 1000.0);
        } else {
            json.addNull(name);
        }
    }

    private static <K extends Enum<K>> Map<K, Long> complete(Class<K> type, Map<K, Long> counts) {
        Map<K, Long> all = new EnumMap<>(type);
        for (K key : type.getEnumConstants()) {
            all.put(key, counts.getOrDefault(key, 0L));
        }
        return all;
    }
}
