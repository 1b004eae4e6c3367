package dev.servicemetrics.live;

import dev.servicemetrics.Timestamps;
import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * Every message of the /ws protocol: {@code {"channel","type","timestamp","data"}}. The timestamp is when the
 * server wrote the message (ISO-8601 UTC, milliseconds), so a client can tell how late it arrived.
 */
final class Envelope {

    static final String SYSTEM = "system";

    private Envelope() {
    }

    static String of(String channel, String type, JsonValue data) {
        return of(channel, type, Instant.now(), data);
    }

    static String of(String channel, String type, Instant written, JsonValue data) {
        return JsonFactory.createObjectBuilder()
                .add("channel", channel)
                .add("type", type)
                .add("timestamp", Timestamps.iso(written))
                .add("data", data)
                .build().toString();
    }

    static String of(String channel, String type, JsonObjectBuilder data) {
        return of(channel, type, data.build());
    }

    static String error(String message) {
        return of(SYSTEM, "error", JsonFactory.createObjectBuilder().add("message", message));
    }
}
