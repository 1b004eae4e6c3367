package dev.servicemetrics.incidents.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.incidents.entity.Alert;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void readsAnAlertAsAlertmanagerSendsIt() {
        Alert alert = AlertJson.read(json("""
                {"status":"firing","labels":{"alertname":"HighCpu"},"annotations":{"summary":"hot"},
                 "startsAt":"2026-02-09T11:30:00.123456789+01:00","endsAt":"0001-01-01T00:00:00Z",
                 "generatorURL":"http://prometheus/graph","fingerprint":"c0ffee"}"""), "alerts[0]", true);
        assertEquals("c0ffee", alert.fingerprint());
        assertEquals(Instant.parse("2026-02-09T10:30:00.123Z"), alert.startsAt());
        assertEquals(Optional.empty(), alert.endsAt());
        assertEquals(Map.of("alertname", "HighCpu"), alert.labels());
        assertEquals(Optional.of("http://prometheus/graph"), alert.generatorUrl());
    }

    @Test
    void aMissingOrWrongFieldIsNamedByItsPath() {
        assertEquals("alerts[2].fingerprint is missing", assertThrows(InvalidJson.class, () ->
                AlertJson.read(json("{\"labels\":{},\"startsAt\":\"2026-02-09T10:30:00Z\"}"), "alerts[2]", true)).getMessage());
        assertEquals("alerts[0].labels is missing", assertThrows(InvalidJson.class, () ->
                AlertJson.read(json("{\"fingerprint\":\"f\",\"startsAt\":\"2026-02-09T10:30:00Z\"}"), "alerts[0]", true)).getMessage());
        assertEquals("alerts[0].labels.severity must be a string", assertThrows(InvalidJson.class, () ->
                AlertJson.read(json("{\"fingerprint\":\"f\",\"startsAt\":\"2026-02-09T10:30:00Z\",\"labels\":{\"severity\":3}}"),
                        "alerts[0]", true)).getMessage());
        assertThrows(InvalidJson.class, () ->
                AlertJson.read(json("{\"fingerprint\":\"f\",\"startsAt\":\"yesterday\",\"labels\":{}}"), "alerts[0]", true));
    }

    @Test
    void aTimeNoDatabaseHereStoresIsRefusedNamingTheField() {
        String message = assertThrows(InvalidJson.class, () -> AlertJson.read(json(
                "{\"fingerprint\":\"f\",\"startsAt\":\"+999999999-01-01T00:00:00Z\",\"labels\":{}}"), "alerts[0]", true)).getMessage();
        assertTrue(message.startsWith("alerts[0].startsAt must be an RFC 3339 time"), message);
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), JsonFields.withinYears(Instant.parse("0001-01-01T00:00:00Z")),
                "Go's zero time, Alertmanager's 'no end', stays readable");
    }
}
