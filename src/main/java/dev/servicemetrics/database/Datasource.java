package dev.servicemetrics.database;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/** The one datasource of the application; its values come from {@link DatasourceConfigSource}. */
@ApplicationScoped
@DataSourceDefinition(
        name = Datasource.JNDI_NAME,
        className = "${MPCONFIG=servicemetrics.datasource.className}",
        url = "${MPCONFIG=servicemetrics.datasource.url}",
        user = "${MPCONFIG=servicemetrics.datasource.user}",
        password = "${MPCONFIG=servicemetrics.datasource.password}",
        minPoolSize = 1,
        maxPoolSize = 16,
        initialPoolSize = 1,
        loginTimeout = 3,
        maxIdleTime = 300,
        properties = {
            // A restarted database must not leave the pool holding dead connections.
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=auto-commit",
            "fish.payara.fail-all-connections=true",
            "fish.payara.connection-leak-timeout-in-seconds=0"
        })
public class Datasource {

    public static final String JNDI_NAME = "java:app/jdbc/serviceMetrics";
}
