package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.Alert;
import jakarta.json.JsonObject;
import java.util.Map;

/**
 * Reads an alert from the JSON Alertmanager sends: its webhook's alerts and its API's alerts share
 * labels, annotations, startsAt, endsAt, generatorURL and fingerprint.
 */
public final class AlertJson {

    private AlertJson() {
    }

    public static Alert read(JsonObject json, String path, boolean firing) {
        String fingerprint = JsonFields.text(json, path, "fingerprint").filter(f -> !f.isBlank())
                .orElseThrow(() -> JsonFields.missing(path, "fingerprint"));
        return new Alert(fingerprint,
                JsonFields.time(json, path, "startsAt").orElseThrow(() -> JsonFields.missing(path, "startsAt")),
                // Go's zero time (0001-01-01T00:00:00Z) is how Alertmanager says "no end yet"
                JsonFields.time(json, path, "endsAt").filter(end -> end.getEpochSecond() > 0),
                firing,
                JsonFields.strings(json, path, "labels").orElseThrow(() -> JsonFields.missing(path, "labels")),
                JsonFields.strings(json, path, "annotations").orElse(Map.of()),
                JsonFields.text(json, path, "generatorURL").filter(url -> !url.isBlank()));
    }
}
