package dev.servicemetrics.replicas;

import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.database.DatabaseSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Connections to PostgreSQL outside the pool, for what lives as long as a database session: LISTEN and a
 * session-level advisory lock. A pooled connection would be validated, recycled and shared, which ends
 * the session and with it the subscription or the lock.
 */
@ApplicationScoped
public class SessionConnections {

    @Inject
    ServiceConfiguration configuration;

    /** False on the embedded H2 database: one node, nothing to agree with. */
    public boolean replicated() {
        return !configuration.database().embedded();
    }

    public Connection open(String purpose) throws SQLException {
        DatabaseSettings database = configuration.database();
        Properties properties = new Properties();
        properties.setProperty("user", database.user());
        properties.setProperty("password", database.password());
        properties.setProperty("ApplicationName", "service-metrics " + purpose);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        // The server notices a replica that vanished without closing (node lost) within about 25 s rather than the
        // operating system's two hours, and so frees the reconciler lease of a dead replica.
        properties.setProperty("options", "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3");
        // The driver of the WAR itself, not DriverManager's lookup, which does not see WEB-INF/lib on every server.
        Connection connection = new Driver().connect(database.url(), properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL URL: " + database.url());
        }
        connection.setAutoCommit(true);
        return connection;
    }
}
