package dev.servicemetrics.database;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Started once the schema is migrated: before that the service cannot keep an incident. */
@Startup
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
