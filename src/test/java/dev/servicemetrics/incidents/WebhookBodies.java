package dev.servicemetrics.incidents;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Alertmanager webhook bodies (version 4) as Alertmanager writes them, for tests that post them directly. */
final class WebhookBodies {

    private WebhookBodies() {
    }

    static String fingerprint() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    static JsonObject firing(String fingerprint, Map<String, String> labels, Map<String, String> annotations, Instant startsAt) {
        return alert("firing", fingerprint, labels, annotations, startsAt.toString(), "0001-01-01T00:00:00Z");
    }

    static JsonObject resolved(String fingerprint, Map<String, String> labels, Instant startsAt, Instant endsAt) {
        return alert("resolved", fingerprint, labels, Map.of(), startsAt.toString(), endsAt.toString());
    }

    static JsonObject alert(String status, String fingerprint, Map<String, String> labels, Map<String, String> annotations,
                            String startsAt, String endsAt) {
        return Json.createObjectBuilder()
                .add("status", status)
                .add("labels", strings(labels))
                .add("annotations", strings(annotations))
                .add("startsAt", startsAt)
                .add("endsAt", endsAt)
                .add("generatorURL", "http://prometheus:9090/graph?g0.expr=up")
                .add("fingerprint", fingerprint)
                .build();
    }

    static String payload(List<JsonObject> alerts) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        alerts.forEach(array::add);
        return Json.createObjectBuilder()
                .add("version", "4")
                .add("groupKey", "{}:{alertname=\"test\"}")
                .add("truncatedAlerts", 0)
                .add("status", "firing")
                .add("receiver", "service-metrics")
                .add("groupLabels", Json.createObjectBuilder())
                .add("commonLabels", Json.createObjectBuilder())
                .add("commonAnnotations", Json.createObjectBuilder())
                .add("externalURL", "http://alertmanager:9093")
                .add("alerts", array)
                .build()
                .toString();
    }

    static String payload(JsonObject... alerts) {
        return payload(List.of(alerts));
    }

    private static JsonObjectBuilder strings(Map<String, String> values) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        values.forEach(object::add);
        return object;
    }
}
