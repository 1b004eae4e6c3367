package dev.servicemetrics.incidents.entity;

import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Labels and annotations of an alert kept as one JSON object in a text column: one row per alert keeps
 * a storm's inserts cheap, and the text is the same on H2 and PostgreSQL. Keys are written sorted, so
 * equal maps give equal text.
 */
public final class LabelsJson {

    private LabelsJson() {
    }

    /** Written straight to text, without building a JsonObject first: a storm writes two per alert. */
    public static String write(Map<String, String> values) {
        StringWriter text = new StringWriter(32 * values.size() + 2);
        try (JsonGenerator json = JsonFactory.createGenerator(text)) {
            json.writeStartObject();
            (values instanceof SortedMap<String, String> sorted && sorted.comparator() == null ? sorted : new TreeMap<>(values))
                    .forEach(json::write);
            json.writeEnd();
        }
        return text.toString();
    }

    public static Map<String, String> read(String text) {
        Map<String, String> values = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        JsonObject object = JsonFactory.createReader(new StringReader(text)).readObject();
        object.forEach((name, value) -> values.put(name, value instanceof JsonString string ? string.getString() : value.toString()));
        return values;
    }
}
