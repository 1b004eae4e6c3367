package dev.servicemetrics.database;

import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.health.SharedDependency;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** Up when the database answers a real query and the schema is migrated. */
@SharedDependency
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    DataSource dataSource;

    @Inject
    Migrations migrations;

    @Inject
    ServiceConfiguration configuration;

    @Inject
    ApplicationDataSource choice;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named("database");
        if (choice.operatorDefinedInUse()) {
            check.withData("kind", "postgresql").withData("datasource", ApplicationDataSource.OPERATOR_JNDI_NAME);
        } else {
            check.withData("kind", configuration.database().embedded() ? "h2-embedded" : "postgresql");
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("SELECT 1");
        } catch (SQLException e) {
            return check.down().withData("error", firstLine(e.getMessage())).build();
        }
        if (!migrations.applied()) {
            return check.down().withData("error", "migrations not applied: " + migrations.failure()).build();
        }
        return check.up().build();
    }

    private static String firstLine(String message) {
        return message == null ? "unreachable" : message.lines().findFirst().orElse("unreachable");
    }
}
