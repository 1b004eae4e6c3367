package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.incidents.control.AlertIntake;
import dev.servicemetrics.incidents.control.IncidentMetrics;
import dev.servicemetrics.incidents.entity.Alert;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * POST /api/alertmanager/webhook: Alertmanager's webhook receiver (payload version 4), with
 * {@code http_config.authorization.credentials: <WEBHOOK_TOKEN>}. Every alert is handled in its own
 * transaction, so a failure half-way is fixed by Alertmanager's retry without duplicating anything.
 */
@Path("alertmanager")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertmanagerWebhookResource {

    static final String ACTOR = "alertmanager";

    @Inject
    AlertIntake intake;

    @Inject
    IncidentMetrics metrics;

    /** Answers how many alerts opened, resolved, changed nothing, or were duplicates of known ones. */
    @POST
    @Path("webhook")
    @BearerAuth(BearerAuth.Token.WEBHOOK)
    public JsonObject receive(JsonObject body) {
        WebhookPayload payload = WebhookPayload.parse(body);
        Map<AlertIntake.Outcome, Integer> outcomes = new EnumMap<>(AlertIntake.Outcome.class);
        for (Alert alert : payload.alerts()) {
            metrics.webhookAlertReceived();
            AlertIntake.Outcome outcome = intake.receive(alert, ACTOR, "received by webhook");
            if (outcome == AlertIntake.Outcome.DUPLICATE) {
                metrics.webhookDuplicateIgnored();
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        JsonObjectBuilder answer = Json.createObjectBuilder().add("received", payload.alerts().size());
        for (AlertIntake.Outcome outcome : AlertIntake.Outcome.values()) {
            answer.add(outcome.name().toLowerCase(Locale.ROOT), outcomes.getOrDefault(outcome, 0));
        }
        return answer.build();
    }
}
