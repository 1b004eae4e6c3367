package dev.servicemetrics.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Started, and ready, once the schema is migrated: before that the service cannot keep an incident. This is
 * all readiness asks; the shared dependencies (the database answering now among them) are reported by /health.
 */
@Startup
@Readiness
@ApplicationScoped
public class SchemaStartup implements HealthCheck {

    @Inject
    Migrations migrations;

    @Override
    public HealthCheckResponse call() {
        return migrations.applied()
                ? HealthCheckResponse.up("schema")
                : HealthCheckResponse.named("schema").down().withData("error", String.valueOf(migrations.failure())).build();
    }
}
