package dev.servicemetrics.incidents.control;

import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Raises and ends alerts in a real Alertmanager through its API v2, as Prometheus does, and reads back which of
 * them it holds as current (the alerts whose end has not passed, as the reconciler counts them).
 */
final class AlertmanagerAlerts {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Far beyond a test run: no alert resolves by itself while the tests look at it. */
    private static final Duration FIRING_FOR = Duration.ofHours(1);

    private final URI alertmanager;

    AlertmanagerAlerts(URI alertmanager) {
        this.alertmanager = alertmanager;
    }

    void raise(Map<String, String> labels, Instant start) {
        post(labels, start, Instant.now().plus(FIRING_FOR));
    }

    /** The same alert (same labels, same start) stopped firing at {@code end}. */
    void end(Map<String, String> labels, Instant start, Instant end) {
        post(labels, start, end);
    }

    /** How many current alerts Alertmanager lists with label {@code test} of {@code value}. */
    int held(String value) {
        JsonArray groups = JsonFactory.createReader(new StringReader(send(HttpRequest.newBuilder(
                alertmanager.resolve("/api/v2/alerts/groups")).GET()))).readArray();
        Instant now = Instant.now();
        return (int) groups.getValuesAs(JsonObject.class).stream()
                .flatMap(group -> group.getJsonArray("alerts").getValuesAs(JsonObject.class).stream())
                .filter(alert -> value.equals(alert.getJsonObject("labels").getString("test", null)))
                .filter(alert -> Instant.parse(alert.getString("endsAt")).isAfter(now))
                .count();
    }

    private void post(Map<String, String> labels, Instant start, Instant end) {
        JsonObjectBuilder labelsJson = JsonFactory.createObjectBuilder();
        labels.forEach(labelsJson::add);
        JsonValue alerts = JsonFactory.createArrayBuilder().add(JsonFactory.createObjectBuilder()
                .add("labels", labelsJson)
                .add("annotations", JsonFactory.createObjectBuilder().add("summary", "raised by " + getClass().getSimpleName()))
                .add("startsAt", start.toString())
                .add("endsAt", end.toString())).build();
        send(HttpRequest.newBuilder(alertmanager.resolve("/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alerts.toString())));
    }

    private static String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Alertmanager answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
