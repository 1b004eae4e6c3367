package dev.servicemetrics.incidents.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static final String ALERT = "{\"status\":\"%s\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-02-09T10:30:00Z\","
            + "\"endsAt\":\"2026-02-09T10:35:00Z\",\"fingerprint\":\"f\"}";

    @Test
    void readsFiringAndResolvedAlerts() {
        WebhookPayload payload = WebhookPayload.parse(json("{\"version\":\"4\",\"receiver\":\"svc\",\"alerts\":["
                + ALERT.formatted("firing") + "," + ALERT.formatted("resolved") + "]}"));
        assertEquals("svc", payload.receiver());
        assertTrue(payload.alerts().get(0).firing());
        assertFalse(payload.alerts().get(1).firing());
    }

    @Test
    void anythingElseIsA400NamingWhatIsWrong() {
        assertEquals("version is missing", message("{\"alerts\":[]}"));
        assertTrue(message("{\"version\":\"3\",\"alerts\":[]}").startsWith("version must be \"4\""));
        assertEquals("alerts must be an array", message("{\"version\":\"4\",\"alerts\":{}}"));
        assertEquals("alerts[0] must be an object", message("{\"version\":\"4\",\"alerts\":[1]}"));
        assertTrue(message("{\"version\":\"4\",\"alerts\":[" + ALERT.formatted("pending") + "]}").startsWith("alerts[0].status must be"));
        assertEquals("A JSON body is required: Alertmanager's webhook payload (version 4)",
                assertThrows(BadRequestException.class, () -> WebhookPayload.parse(null)).getMessage());
    }

    private static String message(String body) {
        return assertThrows(BadRequestException.class, () -> WebhookPayload.parse(json(body))).getMessage();
    }
}
