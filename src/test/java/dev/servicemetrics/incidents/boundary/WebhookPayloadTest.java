package dev.servicemetrics.incidents.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.incidents.entity.AlertGroup;
import dev.servicemetrics.incidents.entity.Notification;
import jakarta.json.JsonException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

    /** The body as the webhook reads it: bytes through {@link NotificationBody}. */
    static Notification parse(String body) {
        try {
            return new NotificationBody().readFrom(Notification.class, Notification.class, new Annotation[0],
                    MediaType.APPLICATION_JSON_TYPE, new MultivaluedHashMap<>(),
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException unexpected) {
            throw new UncheckedIOException(unexpected);
        }
    }

    static final String ALERT = "{\"status\":\"%s\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-02-09T10:30:00Z\","
            + "\"endsAt\":\"2026-02-09T10:35:00Z\",\"fingerprint\":\"f\"}";

    @Test
    void readsFiringAndResolvedAlerts() {
        Notification payload = parse(("{\"version\":\"4\",\"receiver\":\"svc\",\"alerts\":["
                + ALERT.formatted("firing") + "," + ALERT.formatted("resolved") + "]}"));
        assertEquals("svc", payload.group().receiver());
        assertTrue(payload.alerts().get(0).firing());
        assertFalse(payload.alerts().get(1).firing());
    }

    @Test
    void theGroupIsTheReceiverAndTheGroupLabels() {
        Notification payload = parse(("""
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
        Notification payload = parse(("{\"version\":\"4\",\"alerts\":[" + ALERT.formatted("firing") + "]}"));
        assertEquals(Map.of("alertname", "A"), payload.commonLabels());
        assertEquals("A", payload.title(1));
        assertEquals(0, payload.truncatedAlerts());
    }

    @Test
    void truncatedAlertsPastALongAreAsManyAsAnIntHolds() {
        for (String many : List.of("2147483648", "9223372036854775808", "18446744073709551621")) {
            Notification payload = parse(("{\"version\":\"4\",\"truncatedAlerts\":" + many + ",\"alerts\":["
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
        assertEquals("A JSON body is required: Alertmanager's webhook payload (version 4)", message(" \r\n"));
        assertEquals("The request body must be a JSON object ({...}); got an array", message("[{\"version\":\"4\"}]"));
    }

    @Test
    void mistakesAreReportedVersionFirstWhereverTheAlertsStand() {
        // Alertmanager writes the alerts before the version
        assertEquals("version is missing", message("{\"alerts\":[1]}"));
        assertTrue(message("{\"alerts\":[{}],\"version\":\"3\"}").startsWith("version must be \"4\""));
        assertEquals("alerts[1] must be an object", message("{\"alerts\":[" + ALERT.formatted("firing") + ",[1,[2]],{\"x\":{}}],"
                + "\"version\":\"4\"}"));
        assertEquals("alerts[0].fingerprint is missing", message("{\"alerts\":[{\"status\":\"firing\"},7,{\"a\":[{}]}],"
                + "\"version\":\"4\"}"));
        assertEquals("alerts must be an array", message("{\"alerts\":{\"a\":[1,{}]},\"version\":\"4\"}"));
        assertEquals("alerts is missing", message("{\"alerts\":null,\"version\":\"4\"}"));
    }

    @Test
    void theFieldsMayComeInAnyOrderAndALaterDuplicateWins() {
        Notification payload = parse("{\"alerts\":[" + ALERT.formatted("resolved") + "],\"groupLabels\":{\"alertname\":\"A\"},"
                + "\"receiver\":\"first\",\"version\":\"4\",\"receiver\":\"svc\",\"alerts\":[" + ALERT.formatted("firing") + ","
                + ALERT.formatted("firing") + "],\"externalURL\":\"http://am\",\"extra\":{\"nested\":[1,{\"x\":null}]}}");
        assertEquals(new AlertGroup("svc", Map.of("alertname", "A")), payload.group());
        assertEquals(2, payload.alerts().size());
        assertTrue(payload.alerts().get(0).firing());
    }

    @Test
    void anythingAfterTheObjectIsMalformedJson() {
        for (String body : List.of("{\"version\":\"4\",\"alerts\":[]} x", "{\"version\":\"4\",\"alerts\":[]}{}",
                "{\"version\":\"4\",\"alerts\":[" + ALERT.formatted("firing"))) {
            assertThrows(JsonException.class, () -> parse(body), body);
        }
    }

    private static String message(String body) {
        return assertThrows(BadRequestException.class, () -> parse((body))).getMessage();
    }
}
