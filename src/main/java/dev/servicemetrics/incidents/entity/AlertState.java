package dev.servicemetrics.incidents.entity;

import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.util.List;

/**
 * An alert's state in Alertmanager, as its API reports it: {@code active}, or {@code suppressed} by
 * silences (their ids) and/or inhibited by other alerts (their fingerprints); {@code unprocessed}
 * right after it arrived.
 */
public record AlertState(String state, List<String> silencedBy, List<String> inhibitedBy) {

    public static final AlertState ACTIVE = new AlertState("active", List.of(), List.of());

    public AlertState {
        silencedBy = List.copyOf(silencedBy);
        inhibitedBy = List.copyOf(inhibitedBy);
    }

    public static String json(List<String> values) {
        JsonArrayBuilder array = JsonFactory.createArrayBuilder();
        values.forEach(array::add);
        return array.build().toString();
    }

    public static List<String> list(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        JsonArray array = JsonFactory.createReader(new StringReader(json)).readArray();
        return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
