package dev.servicemetrics.database;

import javax.sql.DataSource;
import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;

/**
 * Points the persistence unit at the server's datasource when the operator defined one (see
 * {@link ApplicationDataSource}); persistence.xml names the application's own, which stays in use
 * everywhere else.
 */
public class OperatorDataSourceCustomizer implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        DataSource operators = ApplicationDataSource.operatorDefined();
        if (operators != null) {
            session.getLogin().setConnector(new JNDIConnector(operators));
        }
    }
}
