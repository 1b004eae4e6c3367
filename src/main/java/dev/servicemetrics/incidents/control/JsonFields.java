package dev.servicemetrics.incidents.control;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Typed fields of a JSON object, for request bodies and Alertmanager's answers alike. A field of the
 * wrong type is an {@link InvalidJson} naming it by its path (alerts[2].labels.severity); an absent or
 * null field is empty, and the caller decides whether it was required.
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static Optional<String> text(JsonObject json, String path, String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonString string)) {
            throw new InvalidJson(name(path, field) + " must be a string");
        }
        return Optional.of(string.getString());
    }

    /** RFC 3339 / ISO-8601 with an offset or Z. */
    public static Optional<Instant> time(JsonObject json, String path, String field) {
        return text(json, path, field).map(value -> {
            if (ZERO_TIME.equals(value)) {
                return EARLIEST;
            }
            try {
                return withinYears(OffsetDateTime.parse(value).toInstant());
            } catch (DateTimeException e) {
                throw new InvalidJson(name(path, field) + " must be an RFC 3339 time such as 2026-02-09T10:30:00Z, not " + value);
            }
        });
    }

    /** Go's zero time, Alertmanager's endsAt of every firing alert in a webhook: taken without parsing. */
    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    /** The first and last instants any database here stores and the API writes back: years 0001 to 9999. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    /** A time the service can store and show; beyond years 0001–9999 it is a {@link DateTimeException}. */
    public static Instant withinYears(Instant time) {
        if (time.isBefore(EARLIEST) || !time.isBefore(AFTER_LATEST)) {
            throw new DateTimeException("year outside 0001-9999");
        }
        return time;
    }

    /** An object whose values are all strings, such as labels or annotations. */
    public static Optional<Map<String, String>> strings(JsonObject json, String path, String field) {
        JsonValue value = json.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(value instanceof JsonObject object)) {
            throw new InvalidJson(name(path, field) + " must be an object of strings");
        }
        Map<String, String> strings = new LinkedHashMap<>();
        object.forEach((name, entry) -> {
            if (!(entry instanceof JsonString string)) {
                throw new InvalidJson(name(path, field) + "." + name + " must be a string");
            }
            strings.put(name, string.getString());
        });
        return Optional.of(strings);
    }

    public static InvalidJson missing(String path, String field) {
        return new InvalidJson(name(path, field) + " is missing");
    }

    private static String name(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
