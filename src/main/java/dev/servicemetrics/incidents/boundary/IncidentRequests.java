package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.incidents.control.JsonFields;
import dev.servicemetrics.incidents.entity.Incident;
import dev.servicemetrics.incidents.entity.NewIncident;
import dev.servicemetrics.incidents.entity.Severity;
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
