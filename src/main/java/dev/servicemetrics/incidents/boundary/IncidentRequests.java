package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.incidents.control.JsonFields;
import dev.servicemetrics.incidents.entity.Incident;
import dev.servicemetrics.incidents.entity.NewIncident;
import dev.servicemetrics.incidents.entity.Severity;
import dev.servicemetrics.metrics.control.HistoryRequest;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The bodies the incidents API accepts, checked field by field: what is wrong is named in the 400. */
final class IncidentRequests {

    /** Clocks differ a little; an incident that starts further in the future is a mistake. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private IncidentRequests() {
    }

    /** {"title": "...", "severity": "warning", "labels": {...}, "annotations": {...}, "startedAt": "...", "note": "..."} */
    static NewIncident newIncident(JsonObject body) {
        JsonObject json = required(body);
        String title = JsonFields.text(json, "", "title").map(String::trim).filter(t -> !t.isEmpty())
                .orElseThrow(() -> JsonFields.missing("", "title"));
        if (title.length() > Incident.TITLE_LENGTH) {
            throw new BadRequestException("title is longer than " + Incident.TITLE_LENGTH + " characters");
        }
        String severityName = JsonFields.text(json, "", "severity").orElseThrow(() -> JsonFields.missing("", "severity"));
        Severity severity = Severity.fromWire(severityName).orElseThrow(() ->
                new BadRequestException("severity must be one of critical, warning, info; got '" + severityName + "'"));
        Optional<Instant> startedAt = JsonFields.time(json, "", "startedAt");
        if (startedAt.filter(start -> start.isAfter(Instant.now().plus(CLOCK_SKEW))).isPresent()) {
            throw new BadRequestException("startedAt is in the future");
        }
        return new NewIncident(title, severity,
                JsonFields.strings(json, "", "labels").orElse(Map.of()),
                JsonFields.strings(json, "", "annotations").orElse(Map.of()),
                startedAt, note(json));
    }

    /** The longest silence the API makes: Alertmanager has no limit, a forgotten silence should. */
    static final Duration LONGEST_SILENCE = Duration.ofDays(90);

    /** {"duration": "2h", "comment": "...", "alert": "<fingerprint>"} for POST /{id}/silence. */
    record Silence(Duration duration, String comment, Optional<String> alert) {
    }

    static Silence silence(JsonObject body) {
        JsonObject json = required(body);
        Duration duration = silenceDuration(json, "duration").orElseThrow(() -> JsonFields.missing("", "duration"));
        return new Silence(duration, JsonFields.text(json, "", "comment").map(String::trim).orElse(""),
                JsonFields.text(json, "", "alert").map(String::trim).filter(alert -> !alert.isEmpty()));
    }

    /** An acknowledgement's "silenceFor": "1h" — silence the incident for that long at the same time. */
    static Optional<Duration> silenceFor(JsonObject body) {
        return body == null ? Optional.empty() : silenceDuration(body, "silenceFor");
    }

    /** A resolution's "expireSilences": true — expire the incident's silences at the same time. */
    static boolean expireSilences(JsonObject body) {
        if (body == null || !body.containsKey("expireSilences") || body.isNull("expireSilences")) {
            return false;
        }
        return switch (body.get("expireSilences").getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> throw new BadRequestException("expireSilences must be true or false");
        };
    }

    private static Optional<Duration> silenceDuration(JsonObject json, String field) {
        return JsonFields.text(json, "", field).map(text -> HistoryRequest.duration(text)
                .filter(duration -> duration.compareTo(Duration.ofMinutes(1)) >= 0 && duration.compareTo(LONGEST_SILENCE) <= 0)
                .orElseThrow(() -> new BadRequestException(field + " must be a duration from 1m to 90d such as 2h or 1h30m; got '"
                        + text + "'")));
    }

    /** {"text": "..."} for POST /{id}/notes. */
    static String noteText(JsonObject body) {
        return JsonFields.text(required(body), "", "text").map(String::trim).filter(t -> !t.isEmpty())
                .orElseThrow(() -> JsonFields.missing("", "text"));
    }

    /** The optional "note" of an acknowledgement or a resolution, whose body may be absent altogether. */
    static Optional<String> note(JsonObject body) {
        return body == null ? Optional.empty()
                : JsonFields.text(body, "", "note").map(String::trim).filter(t -> !t.isEmpty());
    }

    private static JsonObject required(JsonObject body) {
        if (body == null) {
            throw new BadRequestException("A JSON object body is required");
        }
        return body;
    }
}
