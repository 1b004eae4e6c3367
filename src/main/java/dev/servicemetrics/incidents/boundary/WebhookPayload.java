package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.incidents.control.AlertJson;
import dev.servicemetrics.incidents.control.JsonFields;
import dev.servicemetrics.incidents.entity.Alert;
import dev.servicemetrics.incidents.entity.AlertGroup;
import dev.servicemetrics.incidents.entity.Notification;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.BadRequestException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook body (version 4), read whole before anything is written: one bad alert
 * makes the request a 400 that names it, and no alert of it is stored. The group it speaks of is
 * {@code receiver} + {@code groupLabels}.
 */
final class WebhookPayload {

    static final String VERSION = "4";

    private WebhookPayload() {
    }

    static Notification parse(JsonObject body) {
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
        List<Alert> alerts = new ArrayList<>(array.size());
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
        AlertGroup group = new AlertGroup(JsonFields.text(body, "", "receiver").orElse(""),
                JsonFields.strings(body, "", "groupLabels").orElse(Map.of()));
        return new Notification(group,
                JsonFields.strings(body, "", "commonLabels").orElseGet(() -> Notification.common(alerts.stream().map(Alert::labels).toList())),
                JsonFields.strings(body, "", "commonAnnotations").orElseGet(() -> Notification.common(alerts.stream().map(Alert::annotations).toList())),
                truncated(body), alerts);
    }

    private static int truncated(JsonObject body) {
        JsonValue value = body.get("truncatedAlerts");
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return 0;
        }
        // as a BigInteger: past a long, longValue() wraps round (2^64 + 5 would be 5, 2^63 negative)
        if (!(value instanceof JsonNumber number) || !number.isIntegral() || number.bigIntegerValue().signum() < 0) {
            throw new BadRequestException("truncatedAlerts must be a whole number of 0 or more; got " + value);
        }
        return number.bigIntegerValue().min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    }
}
