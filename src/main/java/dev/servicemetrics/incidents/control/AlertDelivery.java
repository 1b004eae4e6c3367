package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Hands a notification to {@link AlertIntake}, once more when another transaction recorded one of its
 * alerts first: the unique key refused the second row, the transaction rolled back, and the next try
 * finds the alert recorded. Anything else fails at once.
 */
@ApplicationScoped
public class AlertDelivery {

    private static final Logger LOG = Logger.getLogger(AlertDelivery.class.getName());
    private static final int ATTEMPTS = 3;

    @Inject
    AlertIntake intake;

    public AlertIntake.Outcome deliver(Notification notification, String by, String how) {
        for (int attempt = 1; ; attempt++) {
            try {
                return intake.receive(notification, by, how);
            } catch (RuntimeException failed) {
                if (attempt == ATTEMPTS || !AlertIntake.isUniqueViolation(failed)) {
                    throw failed;
                }
                LOG.info(() -> "Alerts of group " + notification.group().describe() + " were recorded concurrently by"
                        + " another request or replica; taking the notification again");
            }
        }
    }
}
