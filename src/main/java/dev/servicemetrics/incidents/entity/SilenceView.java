package dev.servicemetrics.incidents.entity;

import dev.servicemetrics.Timestamps;
import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;

/** A silence made through the service for an incident, as the API shows it. */
public record SilenceView(long incidentId, String silenceId, String matchersJson, String createdBy, String comment,
                          Instant startsAt, Instant endsAt, Optional<Instant> expiredAt, Optional<String> expiredBy) {

    public boolean activeAt(Instant now) {
        return expiredAt.isEmpty() && endsAt.isAfter(now);
    }

    public JsonObject toJson() {
        JsonArray matchers = JsonFactory.createReader(new StringReader(matchersJson)).readArray();
        JsonObjectBuilder json = JsonFactory.createObjectBuilder()
                .add("incidentId", incidentId)
                .add("silenceId", silenceId)
                .add("matchers", matchers)
                .add("createdBy", createdBy)
                .add("comment", comment)
                .add("startsAt", Timestamps.iso(startsAt))
                .add("endsAt", Timestamps.iso(endsAt))
                .add("active", activeAt(Instant.now()));
        expiredAt.ifPresentOrElse(at -> json.add("expiredAt", Timestamps.iso(at)), () -> json.addNull("expiredAt"));
        expiredBy.ifPresentOrElse(by -> json.add("expiredBy", by), () -> json.addNull("expiredBy"));
        return json.build();
    }
}
