package dev.servicemetrics.incidents.entity;

import dev.servicemetrics.Timestamps;
import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One alert of an incident as GET /api/incidents/{id}/alerts shows it. */
public record AlertView(long id, long incidentId, String fingerprint, boolean firing, Severity severity,
                        Instant startsAt, Optional<Instant> endsAt, Map<String, String> labels, Map<String, String> annotations,
                        Optional<String> generatorUrl, Instant firstSeenAt, Instant lastSeenAt, AlertState state) {

    public JsonObject toJson() {
        JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                .add("id", id)
                .add("incidentId", incidentId)
                .add("fingerprint", fingerprint)
                .add("status", firing ? "firing" : "resolved")
                .add("severity", severity.wireName())
                .add("startsAt", Timestamps.iso(startsAt));
        endsAt.ifPresentOrElse(end -> json.add("endsAt", Timestamps.iso(end)), () -> json.addNull("endsAt"));
        JsonObjectBuilder labelJson = JsonFactory.createObjectBuilder();
        labels.forEach(labelJson::add);
        JsonObjectBuilder annotationJson = JsonFactory.createObjectBuilder();
        annotations.forEach(annotationJson::add);
        json.add("labels", labelJson).add("annotations", annotationJson);
        generatorUrl.ifPresentOrElse(url -> json.add("generatorUrl", url), () -> json.addNull("generatorUrl"));
        json.add("state", state.state())
                .add("silencedBy", JsonFactory.createArrayBuilder(state.silencedBy()))
                .add("inhibitedBy", JsonFactory.createArrayBuilder(state.inhibitedBy()));
        return json.add("firstSeenAt", Timestamps.iso(firstSeenAt))
                .add("lastSeenAt", Timestamps.iso(lastSeenAt))
                .build();
    }
}
