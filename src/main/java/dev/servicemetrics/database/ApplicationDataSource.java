package dev.servicemetrics.database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The datasource the application works with: the one the operator defined in the server under
 * {@value #OPERATOR_JNDI_NAME} (WildFly, server-config/wildfly/add-postgresql-datasource.sh) when there
 * is one, otherwise the application's own ({@link Datasource}: DATABASE_URL, or the embedded H2).
 */
@ApplicationScoped
public class ApplicationDataSource {

    public static final String OPERATOR_JNDI_NAME = "java:jboss/datasources/ServiceMetricsDS";
    private static final Logger LOG = Logger.getLogger(ApplicationDataSource.class.getName());

    @Resource(lookup = Datasource.JNDI_NAME)
    DataSource own;

    private DataSource operators;

    @PostConstruct
    void choose() {
        operators = operatorDefined();
        if (operators != null) {
            LOG.info(() -> "Database: the server's datasource " + OPERATOR_JNDI_NAME + " (DATABASE_URL is not used for it)");
        }
    }

    @Produces
    DataSource dataSource() {
        return operators != null ? operators : own;
    }

    /** Whether the server's datasource is the one in use. */
    public boolean operatorDefinedInUse() {
        return operators != null;
    }

    /** The server's datasource, or null when the server defines none (always on Payara). */
    static DataSource operatorDefined() {
        try {
            return new InitialContext().lookup(OPERATOR_JNDI_NAME) instanceof DataSource found ? found : null;
        } catch (NamingException absent) {
            return null;
        }
    }
}
