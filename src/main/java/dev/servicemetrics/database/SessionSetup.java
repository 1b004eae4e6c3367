package dev.servicemetrics.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.exceptions.DatabaseException;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * Prepares the persistence unit's session before EclipseLink logs it in (persistence.xml names this class):
 * <ul>
 * <li>points it at the server's datasource when the operator defined one (see {@link ApplicationDataSource});
 * persistence.xml names the application's own, which stays in use everywhere else;</li>
 * <li>when the database does not answer at that moment, lets the login go without a connection. The server logs
 * the unit in while it deploys the application (Payara creates an {@code EntityManager} then), and a login that
 * needs the database would fail the deployment: the service would never start, and its health would never say
 * why. Instead the database's product is taken from DATABASE_URL (EclipseLink would have asked the database), and
 * the unit's pools connect at first use ({@link LazyConnectionPool}); the migrations retry every few seconds
 * ({@link Migrations}), {@code /health/ready} says the database is down, and requests answer 503 until it is up.
 * When the database answers, nothing changes from EclipseLink's own way.</li>
 * </ul>
 */
public class SessionSetup implements SessionCustomizer {

    private static final Logger LOG = Logger.getLogger(SessionSetup.class.getName());

    @Override
    public void customize(Session session) {
        DataSource operators = ApplicationDataSource.operatorDefined();
        if (operators != null) {
            session.getLogin().setConnector(new JNDIConnector(operators));
        }
        if (session instanceof ServerSession server && !answers(server)) {
            if (operators != null) {
                LOG.warning("The server's datasource " + ApplicationDataSource.OPERATOR_JNDI_NAME
                        + " does not answer and its product is not known in advance: the persistence unit logs in now"
                        + " and the deployment fails if it cannot");
                return;
            }
            String product = productOf(DatabaseSettings.fromEnvironment());
            server.setProperty(PersistenceUnitProperties.SCHEMA_DATABASE_PRODUCT_NAME, product);
            LazyConnectionPool.install(server);
            LOG.warning(() -> "The database (" + product + ") does not answer at start: the service starts without it, "
                    + "reports it in /health/ready and connects when it answers");
        }
    }

    /** Whether a connection can be had now (the pool's login timeout bounds the wait). */
    private static boolean answers(ServerSession server) {
        try {
            Object connection = server.getDatasourceLogin().connectToDatasource(null, server);
            if (connection instanceof Connection open) {
                open.close();
            }
            return true;
        } catch (DatabaseException | SQLException unreachable) {
            return false;
        }
    }

    /** The product name EclipseLink maps to its platform (as the JDBC driver would report it) for this database. */
    static String productOf(DatabaseSettings database) {
        return database.embedded() ? "H2" : "PostgreSQL";
    }
}
