package dev.servicemetrics.incidents.boundary;

import dev.servicemetrics.Timestamps;
import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.health.SharedDependency;
import dev.servicemetrics.incidents.control.AlertmanagerClient;
import dev.servicemetrics.incidents.control.IncidentReconciler;
import dev.servicemetrics.incidents.control.RootCause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Up when Alertmanager answers its readiness endpoint; the data also tells how the last
 * reconciliation went, since Alertmanager can be up and its alerts API still fail.
 */
@SharedDependency
@ApplicationScoped
public class AlertmanagerReadiness implements HealthCheck {

    @Inject
    AlertmanagerClient alertmanager;

    @Inject
    IncidentReconciler reconciler;

    @Inject
    ServiceConfiguration configuration;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named("alertmanager")
                .withData("url", configuration.alertmanagerUrl().toString());
        reconciler.lastRun().ifPresent(run -> {
            check.withData("lastReconciliation", Timestamps.iso(run.at()));
            run.failure().ifPresent(failure -> check.withData("lastReconciliationError", failure));
        });
        try (Response response = alertmanager.ready()) {
            int status = response.getStatus();
            return status == 200 ? check.up().build() : check.down().withData("error", "HTTP " + status).build();
        } catch (RuntimeException unreachable) {
            return check.down().withData("error", RootCause.describe(unreachable)).build();
        }
    }
}
