package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.JsonFactory;
import dev.servicemetrics.incidents.control.AlertJson;
import dev.servicemetrics.incidents.control.JsonFields;
import dev.servicemetrics.incidents.entity.Alert;
import dev.servicemetrics.incidents.entity.AlertGroup;
import dev.servicemetrics.incidents.entity.Notification;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.BadRequestException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alertmanager's webhook body (version 4), read as it streams in: the alerts one at a time (each a small JSON object,
 * at once made an {@link Alert} and dropped), the other fields whole. All of it is read before anything is written:
 * one bad alert makes the request a 400 that names it, and no alert of it is stored. Mistakes are reported in the
 * same order whatever the order of the fields: the version, then the alerts, then the rest. The group it speaks of
 * is {@code receiver} + {@code groupLabels}.
 */
final class WebhookPayload {

    static final String VERSION = "4";

    private WebhookPayload() {
    }

    /** Reads one notification from a parser at the start of a body that begins with a JSON object (JsonObjectBody.objectText). */
    static Notification read(JsonParser parser) {
        parser.next(); // START_OBJECT
        JsonObjectBuilder fields = JsonFactory.createObjectBuilder();
        Alerts alerts = null;
        while (parser.next() != JsonParser.Event.END_OBJECT) {
            String name = parser.getString();
            JsonParser.Event value = parser.next();
            if ("alerts".equals(name)) {
                alerts = Alerts.read(parser, value);
            } else {
                fields.add(name, parser.getValue());
            }
        }
        parser.hasNext(); // the parser refuses anything but white space after the object
        return notification(fields.build(), alerts);
    }

    private static Notification notification(JsonObject body, Alerts alerts) {
        String version = JsonFields.text(body, "", "version").orElseThrow(() -> JsonFields.missing("", "version"));
        if (!VERSION.equals(version)) {
            throw new BadRequestException("version must be \"4\" (Alertmanager's webhook payload); got \"" + version + "\"");
        }
        if (alerts == null || alerts.absent()) {
            throw JsonFields.missing("", "alerts");
        }
        List<Alert> read = alerts.orThrow();
        AlertGroup group = new AlertGroup(JsonFields.text(body, "", "receiver").orElse(""),
                JsonFields.strings(body, "", "groupLabels").orElse(Map.of()));
        return new Notification(group,
                JsonFields.strings(body, "", "commonLabels").orElseGet(() -> Notification.common(read.stream().map(Alert::labels).toList())),
                JsonFields.strings(body, "", "commonAnnotations").orElseGet(() -> Notification.common(read.stream().map(Alert::annotations).toList())),
                truncated(body), read);
    }

    /** The alerts array as it was read: the alerts, or the first mistake in it (the rest of it skipped). */
    private record Alerts(List<Alert> alerts, Optional<BadRequestException> mistake, boolean absent) {

        static Alerts read(JsonParser parser, JsonParser.Event value) {
            if (value == JsonParser.Event.VALUE_NULL) {
                return new Alerts(List.of(), Optional.empty(), true);
            }
            if (value != JsonParser.Event.START_ARRAY) {
                skip(parser, value);
                return new Alerts(List.of(), Optional.of(new BadRequestException("alerts must be an array")), false);
            }
            List<Alert> alerts = new ArrayList<>();
            BadRequestException mistake = null;
            JsonParser.Event next;
            for (int i = 0; (next = parser.next()) != JsonParser.Event.END_ARRAY; i++) {
                if (mistake != null) {
                    skip(parser, next);
                    continue;
                }
                String path = "alerts[" + i + "]";
                if (next != JsonParser.Event.START_OBJECT) {
                    skip(parser, next);
                    mistake = new BadRequestException(path + " must be an object");
                    continue;
                }
                try {
                    alerts.add(alert(parser.getObject(), path));
                } catch (BadRequestException wrong) {
                    mistake = wrong;
                }
            }
            return new Alerts(alerts, Optional.ofNullable(mistake), false);
        }

        List<Alert> orThrow() {
            if (mistake.isPresent()) {
                throw mistake.get();
            }
            return alerts;
        }
    }

    private static Alert alert(JsonObject alert, String path) {
        String status = JsonFields.text(alert, path, "status").orElseThrow(() -> JsonFields.missing(path, "status"));
        if (!"firing".equals(status) && !"resolved".equals(status)) {
            throw new BadRequestException(path + ".status must be \"firing\" or \"resolved\"; got \"" + status + "\"");
        }
        return AlertJson.read(alert, path, "firing".equals(status));
    }

    /** Moves past a value whose first event was just read. */
    private static void skip(JsonParser parser, JsonParser.Event first) {
        if (first == JsonParser.Event.START_OBJECT) {
            parser.skipObject();
        } else if (first == JsonParser.Event.START_ARRAY) {
            parser.skipArray();
        }
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
