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
public final class WebhookBodies {

    private WebhookBodies() {
    }

    public static String fingerprint() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    public static JsonObject firing(String fingerprint, Map<String, String> labels, Map<String, String> annotations, Instant startsAt) {
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

    /**
     * One notification of the group whose labels all the alerts share, as Alertmanager sends it for a
     * route grouping by those labels (a single alert: {@code group_by: ['...']}, a group of its own).
     */
    static String payload(List<JsonObject> alerts) {
        return payload(common(alerts, "labels"), alerts, 0);
    }

    /** A notification of one firing alert named {@code alertname}, a group of its own. */
    public static String singleAlert(String alertname, Instant startsAt) {
        JsonObject alert = firing(fingerprint(), Map.of("alertname", alertname, "severity", "warning"),
                Map.of("summary", alertname), startsAt);
        return payload(Map.of("alertname", alertname), List.of(alert), 0);
    }

    /** One notification of the group {@code groupLabels}, as Alertmanager writes it. */
    static String payload(Map<String, String> groupLabels, List<JsonObject> alerts, int truncatedAlerts) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        alerts.forEach(array::add);
        boolean firing = alerts.stream().anyMatch(alert -> "firing".equals(alert.getString("status")));
        return Json.createObjectBuilder()
                .add("version", "4")
                .add("groupKey", "{}:" + groupLabels)
                .add("truncatedAlerts", truncatedAlerts)
                .add("status", firing ? "firing" : "resolved")
                .add("receiver", "service-metrics")
                .add("groupLabels", strings(groupLabels))
                .add("commonLabels", strings(common(alerts, "labels")))
                .add("commonAnnotations", strings(common(alerts, "annotations")))
                .add("externalURL", "http://alertmanager:9093")
                .add("alerts", array)
                .build()
                .toString();
    }

    private static Map<String, String> common(List<JsonObject> alerts, String field) {
        if (alerts.isEmpty()) {
            return Map.of();
        }
        Map<String, String> shared = new java.util.TreeMap<>();
        alerts.get(0).getJsonObject(field).forEach((name, value) -> {
            if (alerts.stream().allMatch(alert -> value.equals(alert.getJsonObject(field).get(name)))) {
                shared.put(name, ((jakarta.json.JsonString) value).getString());
            }
        });
        return shared;
    }

    public static String payload(JsonObject... alerts) {
        return payload(List.of(alerts));
    }

    private static JsonObjectBuilder strings(Map<String, String> values) {
        JsonObjectBuilder object = Json.createObjectBuilder();
        values.forEach(object::add);
        return object;
    }
}
