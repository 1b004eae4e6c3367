package dev.servicemetrics.incidents.boundary;

import static dev.servicemetrics.incidents.boundary.ParserContract.valueOrBadRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicemetrics.incidents.entity.Alert;
import dev.servicemetrics.incidents.entity.AlertGroup;
import dev.servicemetrics.incidents.entity.Notification;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class WebhookPayloadPropertiesTest {

    record SentAlert(String fingerprint, Instant startsAt, boolean firing, Map<String, String> labels,
                     Map<String, String> annotations) {
    }

    record Sent(String receiver, Map<String, String> groupLabels, List<SentAlert> alerts, BigInteger truncated) {
    }

    @Property
    void anyObjectIsANotificationOrABadRequest(@ForAll("anyObjects") JsonObject body) {
        valueOrBadRequest(() -> parse(body));
    }

    @Property
    void anAlmostValidPayloadIsANotificationOrABadRequest(@ForAll("payloads") JsonObject body) {
        valueOrBadRequest(() -> parse(body));
    }

    @Property
    void whatIsSentIsWhatIsRead(@ForAll("sent") Sent sent) {
        Notification notification = parse(body(sent));
        assertEquals(new AlertGroup(sent.receiver(), sent.groupLabels()), notification.group());
        assertEquals(sent.truncated().min(BigInteger.valueOf(Integer.MAX_VALUE)).intValueExact(), notification.truncatedAlerts());
        assertEquals(sent.alerts().size(), notification.alerts().size());
        for (int i = 0; i < sent.alerts().size(); i++) {
            SentAlert expected = sent.alerts().get(i);
            Alert read = notification.alerts().get(i);
            assertEquals(expected.fingerprint(), read.fingerprint());
            assertEquals(expected.startsAt().truncatedTo(ChronoUnit.MILLIS), read.startsAt());
            assertEquals(expected.firing(), read.firing());
            assertEquals(expected.labels(), read.labels());
            assertEquals(expected.annotations(), read.annotations());
        }
    }

    /**
     * Sent as bytes the way a client may: every character past ASCII as a JSON escape (only strings hold any), so that
     * the generated texts' lone surrogates arrive as themselves rather than as UTF-8's replacement character.
     */
    static Notification parse(JsonObject body) {
        StringBuilder ascii = new StringBuilder();
        body.toString().chars().forEach(c -> ascii.append(c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return WebhookPayloadTest.parse(ascii.toString());
    }

    static JsonObject body(Sent sent) {
        Map<String, JsonValue> body = new LinkedHashMap<>();
        body.put("version", Json.createValue("4"));
        body.put("receiver", Json.createValue(sent.receiver()));
        body.put("status", Json.createValue("firing"));
        body.put("groupLabels", JsonTrees.strings(sent.groupLabels()));
        body.put("truncatedAlerts", Json.createValue(sent.truncated()));
        body.put("alerts", JsonTrees.array(sent.alerts().stream().map(alert -> JsonTrees.object(Map.of(
                "status", Json.createValue(alert.firing() ? "firing" : "resolved"),
                "fingerprint", Json.createValue(alert.fingerprint()),
                "startsAt", Json.createValue(alert.startsAt().toString()),
                "labels", JsonTrees.strings(alert.labels()),
                "annotations", JsonTrees.strings(alert.annotations())))).toList()));
        return JsonTrees.object(body);
    }

    @Provide
    Arbitrary<Sent> sent() {
        Arbitrary<SentAlert> alerts = Combinators.combine(
                JsonTrees.texts().filter(fingerprint -> !fingerprint.isBlank()),
                Arbitraries.longs().between(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("9999-12-31T23:59:59Z").getEpochSecond()),
                Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.of(true, false), JsonTrees.labels(), JsonTrees.labels())
                .as((fingerprint, seconds, nanos, firing, labels, annotations) ->
                        new SentAlert(fingerprint, Instant.ofEpochSecond(seconds, nanos), firing, labels, annotations));
        Arbitrary<BigInteger> truncated = Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.valueOf(1000)),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(25)),
                Arbitraries.of(BigInteger.TWO.pow(63), BigInteger.TWO.pow(64), BigInteger.TWO.pow(64).add(BigInteger.valueOf(5))));
        return Combinators.combine(JsonTrees.texts(), JsonTrees.labels(), alerts.list().ofMaxSize(4), truncated).as(Sent::new);
    }

    @Provide
    Arbitrary<JsonObject> anyObjects() {
        return JsonTrees.objects(3);
    }

    /** Alertmanager's payload with each field now and then missing or of any type, in the payload and in its alerts. */
    @Provide
    Arbitrary<JsonObject> payloads() {
        Arbitrary<JsonValue> labels = JsonTrees.labels().map(JsonTrees::strings);
        Arbitrary<JsonObject> alert = JsonTrees.mutated(Map.of(
                "status", Arbitraries.of("firing", "resolved").map(Json::createValue),
                "labels", labels,
                "annotations", labels,
                "startsAt", JsonTrees.time(),
                "endsAt", Arbitraries.oneOf(JsonTrees.time(), Arbitraries.just(Json.createValue("0001-01-01T00:00:00Z"))),
                "generatorURL", JsonTrees.texts().map(Json::createValue),
                "fingerprint", JsonTrees.texts().map(Json::createValue)));
        Map<String, Arbitrary<JsonValue>> fields = new LinkedHashMap<>();
        fields.put("version", Arbitraries.just(Json.createValue("4")));
        fields.put("receiver", JsonTrees.texts().map(Json::createValue));
        fields.put("status", Arbitraries.of("firing", "resolved").map(Json::createValue));
        fields.put("alerts", alert.map(JsonValue.class::cast).list().ofMaxSize(3).map(JsonTrees::array));
        fields.put("groupLabels", labels);
        fields.put("commonLabels", labels);
        fields.put("commonAnnotations", labels);
        fields.put("externalURL", JsonTrees.texts().map(Json::createValue));
        fields.put("groupKey", JsonTrees.texts().map(Json::createValue));
        fields.put("truncatedAlerts", JsonTrees.numbers());
        return JsonTrees.mutated(fields);
    }
}
