package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.JsonFactory;
import dev.servicemetrics.incidents.control.AlertDelivery;
import dev.servicemetrics.incidents.control.AlertIntake;
import dev.servicemetrics.incidents.control.IncidentMetrics;
import dev.servicemetrics.incidents.control.IncidentReconciler;
import dev.servicemetrics.incidents.entity.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.logging.Logger;

/**
 * POST /api/alertmanager/webhook: Alertmanager's webhook receiver (payload version 4), with
 * {@code http_config.authorization.credentials: <WEBHOOK_TOKEN>}. One notification is one group's
 * alerts ({@link NotificationBody} reads it as it streams in), taken in one transaction: all of it or, after a failure,
 * none, which Alertmanager's retry fixes.
 */
@ApplicationScoped
@Path("alertmanager")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertmanagerWebhookResource {

    static final String ACTOR = "alertmanager";
    private static final Logger LOG = Logger.getLogger(AlertmanagerWebhookResource.class.getName());

    @Inject
    AlertDelivery delivery;

    @Inject
    IncidentReconciler reconciler;

    @Inject
    IncidentMetrics metrics;

    /** Answers how many alerts were new, resolved, repeated or unchanged, and the incidents they went to. */
    @POST
    @Path("webhook")
    @BearerAuth(BearerAuth.Token.WEBHOOK)
    public JsonObject receive(Notification notification) {
        if (notification == null) { // a container that does not ask the reader about an empty body
            throw new BadRequestException(NotificationBody.REQUIRED);
        }
        AlertIntake.Outcome outcome = delivery.deliver(notification, ACTOR, "received by webhook");
        metrics.webhookAlertsReceived(outcome.received(), outcome.duplicate());
        if (notification.truncatedAlerts() > 0) {
            LOG.info(() -> "Alertmanager left " + notification.truncatedAlerts() + " alert(s) of group "
                    + notification.group().describe() + " out of its notification (max_alerts); reconciling now");
            reconciler.reconcileSoon();
        }
        JsonArrayBuilder incidents = JsonFactory.createArrayBuilder();
        outcome.incidents().forEach(incidents::add);
        return JsonFactory.createObjectBuilder()
                .add("received", outcome.received())
                .add("opened", outcome.opened())
                .add("resolved", outcome.resolved())
                .add("duplicate", outcome.duplicate())
                .add("unchanged", outcome.unchanged())
                .add("incidents", incidents)
                .build();
    }
}
