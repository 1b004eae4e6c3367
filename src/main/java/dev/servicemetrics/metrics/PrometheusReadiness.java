package dev.servicemetrics.metrics;

import dev.servicemetrics.config.ServiceConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when Prometheus answers its readiness endpoint. */
@Readiness
@ApplicationScoped
public class PrometheusReadiness implements HealthCheck {

    @Inject
    PrometheusClient prometheus;

    @Inject
    ServiceConfiguration configuration;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named("prometheus")
                .withData("url", configuration.prometheusUrl().toString());
        try (Response response = prometheus.ready()) {
            int status = response.getStatus();
            return status == 200 ? check.up().build() : check.down().withData("error", "HTTP " + status).build();
        } catch (RuntimeException unreachable) {
            Throwable root = unreachable;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return check.down().withData("error", root.getClass().getSimpleName() + ": " + root.getMessage()).build();
        }
    }
}
