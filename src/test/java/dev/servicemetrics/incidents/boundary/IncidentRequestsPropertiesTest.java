package dev.servicemetrics.incidents.boundary;

import static dev.servicemetrics.incidents.boundary.ParserContract.valueOrBadRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.incidents.entity.Incident;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Each body has a dozen generated fields: 200 tries a property keep the suite fast. */
class IncidentRequestsPropertiesTest {

    @Property(tries = 200)
    void anyBodyIsANewIncidentOrABadRequest(@ForAll("bodies") JsonObject body) {
        valueOrBadRequest(() -> IncidentRequests.newIncident(body)).ifPresent(incident -> {
            assertTrue(!incident.title().isBlank() && incident.title().length() <= Incident.TITLE_LENGTH, incident.title());
        });
    }

    @Property(tries = 200)
    void anyBodyIsASilenceOrABadRequest(@ForAll("bodies") JsonObject body) {
        valueOrBadRequest(() -> IncidentRequests.silence(body)).ifPresent(silence -> assertTrue(
                silence.duration().compareTo(Duration.ofMinutes(1)) >= 0
                        && silence.duration().compareTo(IncidentRequests.LONGEST_SILENCE) <= 0, silence.toString()));
    }

    @Property(tries = 200)
    void anyBodyIsAnAcknowledgementOrABadRequest(@ForAll("bodies") JsonObject body) {
        valueOrBadRequest(() -> IncidentRequests.silenceFor(body));
        valueOrBadRequest(() -> IncidentRequests.note(body));
    }

    @Property(tries = 200)
    void anyBodyIsAResolutionOrABadRequest(@ForAll("bodies") JsonObject body) {
        valueOrBadRequest(() -> IncidentRequests.expireSilences(body));
        valueOrBadRequest(() -> IncidentRequests.note(body));
    }

    @Property(tries = 200)
    void anyBodyIsANoteOrABadRequest(@ForAll("bodies") JsonObject body) {
        valueOrBadRequest(() -> IncidentRequests.noteText(body))
                .ifPresent(text -> assertTrue(!text.isEmpty() && text.equals(text.trim()), text));
    }

    @Property(tries = 100)
    void anyObjectAtAllIsAValueOrABadRequest(@ForAll("anyObjects") JsonObject body) {
        valueOrBadRequest(() -> IncidentRequests.newIncident(body));
        valueOrBadRequest(() -> IncidentRequests.silence(body));
        valueOrBadRequest(() -> IncidentRequests.silenceFor(body));
        valueOrBadRequest(() -> IncidentRequests.expireSilences(body));
        valueOrBadRequest(() -> IncidentRequests.noteText(body));
        valueOrBadRequest(() -> IncidentRequests.note(body));
    }

    @Provide
    Arbitrary<JsonObject> anyObjects() {
        return JsonTrees.objects(3).injectNull(0.05);
    }

    /** Every field any of the incident bodies has, each mostly valid, now and then missing or of any type. */
    @Provide
    Arbitrary<JsonObject> bodies() {
        Arbitrary<JsonValue> labels = JsonTrees.labels().map(JsonTrees::strings);
        Arbitrary<JsonValue> durations = Arbitraries.oneOf(
                Arbitraries.of("1m", "59s", "2h", "1h30m", "90d", "91d", "12w", "13w", "1y", "0m", " 2h ", "2H", "-1h")
                        .map(Json::createValue),
                Arbitraries.strings().withChars("0123456789mshdwy ").ofMaxLength(12).map(Json::createValue));
        Map<String, Arbitrary<JsonValue>> fields = new LinkedHashMap<>();
        fields.put("title", Arbitraries.oneOf(JsonTrees.texts(), Arbitraries.strings().ofMinLength(490).ofMaxLength(510)
                .map(text -> " " + text + " ")).map(Json::createValue));
        fields.put("severity", Arbitraries.of("critical", "warning", "info", "Critical", "page", "").map(Json::createValue));
        fields.put("labels", labels);
        fields.put("annotations", labels);
        fields.put("startedAt", JsonTrees.time());
        fields.put("note", JsonTrees.texts().map(Json::createValue));
        fields.put("text", JsonTrees.texts().map(Json::createValue));
        fields.put("duration", durations);
        fields.put("silenceFor", durations);
        fields.put("comment", JsonTrees.texts().map(Json::createValue));
        fields.put("alert", JsonTrees.texts().map(Json::createValue));
        fields.put("expireSilences", Arbitraries.of(JsonValue.TRUE, JsonValue.FALSE));
        return JsonTrees.mutated(fields).injectNull(0.02);
    }
}
