package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.incidents.control.AlertJson;
import dev.servicemetrics.incidents.control.JsonFields;
import dev.servicemetrics.incidents.entity.Alert;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import java.util.ArrayList;
import java.util.List;

/**
 * Alertmanager's webhook body (version 4), read whole before anything is written: one bad alert
 * makes the request a 400 that names it, and no alert of it is stored.
 */
record WebhookPayload(String receiver, List<Alert> alerts) {

    static final String VERSION = "4";

    static WebhookPayload parse(JsonObject body) {
        if (body == null) {
            throw new BadRequestException("A JSON body is required: Alertmanager's webhook payload (version 4)");
        }
        String version = JsonFields.text(body, "", "version").orElseThrow(() -> JsonFields.missing("", "version"));
        if (!VERSION.equals(version)) {
            throw new BadRequestException("version must be \"4\" (Alertmanager's webhook payload); got \"" + version + "\"");
        }
        JsonValue alertsValue = body.get("alerts");
        if (alertsValue == null || alertsValue.getValueType() == JsonValue.ValueType.NULL) {
            throw JsonFields.missing("", "alerts");
        }
        if (!(alertsValue instanceof JsonArray array)) {
            throw new BadRequestException("alerts must be an array");
        }
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String path = "alerts[" + i + "]";
            if (!(array.get(i) instanceof JsonObject alert)) {
                throw new BadRequestException(path + " must be an object");
            }
            String status = JsonFields.text(alert, path, "status").orElseThrow(() -> JsonFields.missing(path, "status"));
            if (!"firing".equals(status) && !"resolved".equals(status)) {
                throw new BadRequestException(path + ".status must be \"firing\" or \"resolved\"; got \"" + status + "\"");
            }
            alerts.add(AlertJson.read(alert, path, "firing".equals(status)));
        }
        return new WebhookPayload(JsonFields.text(body, "", "receiver").orElse(""), alerts);
    }
}
