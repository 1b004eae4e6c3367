package dev.servicemetrics.replicas;

import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Optional;

/**
 * What one replica tells the others through NOTIFY: which incident changed, to which version, and how.
 * Never the incident itself (NOTIFY payloads are limited to 8000 bytes): a listener reads it.
 */
record ChangeNotice(long id, long version, String change) {

    static final String CHANNEL = "service_metrics_incident_changes";

    String payload() {
        return JsonFactory.createObjectBuilder().add("id", id).add("version", version).add("change", change).build().toString();
    }

    static Optional<ChangeNotice> parse(String payload) {
        try {
            JsonObject json = JsonFactory.createReader(new StringReader(payload)).readObject();
            return Optional.of(new ChangeNotice(json.getJsonNumber("id").longValueExact(),
                    json.getJsonNumber("version").longValueExact(), json.getString("change")));
        } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException foreign) {
            return Optional.empty();
        }
    }
}
