package dev.servicemetrics.incidents.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.incidents.entity.AlertGroup;
import dev.servicemetrics.incidents.entity.Notification;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    static final String ALERT = "{\"status\":\"%s\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-02-09T10:30:00Z\","
            + "\"endsAt\":\"2026-02-09T10:35:00Z\",\"fingerprint\":\"f\"}";

    @Test
    void readsFiringAndResolvedAlerts() {
        Notification payload = WebhookPayload.parse(json("{\"version\":\"4\",\"receiver\":\"svc\",\"alerts\":["
                + ALERT.formatted("firing") + "," + ALERT.formatted("resolved") + "]}"));
        assertEquals("svc", payload.group().receiver());
        assertTrue(payload.alerts().get(0).firing());
        assertFalse(payload.alerts().get(1).firing());
    }

    @Test
    void theGroupIsTheReceiverAndTheGroupLabels() {
        Notification payload = WebhookPayload.parse(json("""
                {"version":"4","receiver":"svc","groupKey":"{}:{alertname=\\"A\\"}","truncatedAlerts":7,
                 "groupLabels":{"alertname":"A"},"commonLabels":{"alertname":"A","job":"api"},
                 "commonAnnotations":{"summary":"API slow"},"alerts":[%s]}""".formatted(ALERT.formatted("firing"))));
        assertEquals(new AlertGroup("svc", Map.of("alertname", "A")), payload.group());
        assertEquals(Map.of("alertname", "A", "job", "api"), payload.commonLabels());
        assertEquals(7, payload.truncatedAlerts());
        assertEquals("API slow", payload.title(1));
        assertEquals("API slow — 3 alerts", payload.title(3));
    }

    @Test
    void withoutCommonLabelsTheyAreComputedFromTheAlerts() {
        Notification payload = WebhookPayload.parse(json("{\"version\":\"4\",\"alerts\":[" + ALERT.formatted("firing") + "]}"));
        assertEquals(Map.of("alertname", "A"), payload.commonLabels());
        assertEquals("A", payload.title(1));
        assertEquals(0, payload.truncatedAlerts());
    }

    @Test
    void truncatedAlertsPastALongAreAsManyAsAnIntHolds() {
        for (String many : List.of("2147483648", "9223372036854775808", "18446744073709551621")) {
            Notification payload = WebhookPayload.parse(json("{\"version\":\"4\",\"truncatedAlerts\":" + many + ",\"alerts\":["
                    + ALERT.formatted("firing") + "]}"));
            assertEquals(Integer.MAX_VALUE, payload.truncatedAlerts(), many);
        }
    }

    @Test
    void anythingElseIsA400NamingWhatIsWrong() {
        assertEquals("version is missing", message("{\"alerts\":[]}"));
        assertTrue(message("{\"version\":\"3\",\"alerts\":[]}").startsWith("version must be \"4\""));
        assertEquals("alerts must be an array", message("{\"version\":\"4\",\"alerts\":{}}"));
        assertEquals("alerts[0] must be an object", message("{\"version\":\"4\",\"alerts\":[1]}"));
        assertTrue(message("{\"version\":\"4\",\"alerts\":[" + ALERT.formatted("pending") + "]}").startsWith("alerts[0].status must be"));
        assertTrue(message("{\"version\":\"4\",\"truncatedAlerts\":-1,\"alerts\":[]}").startsWith("truncatedAlerts must be"));
        assertEquals("A JSON body is required: Alertmanager's webhook payload (version 4)",
                assertThrows(BadRequestException.class, () -> WebhookPayload.parse(null)).getMessage());
    }

    private static String message(String body) {
        return assertThrows(BadRequestException.class, () -> WebhookPayload.parse(json(body))).getMessage();
    }
}
