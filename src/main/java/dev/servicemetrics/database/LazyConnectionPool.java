package dev.servicemetrics.database;

import org.eclipse.persistence.internal.databaseaccess.DatabaseAccessor;
import org.eclipse.persistence.internal.databaseaccess.DatasourcePlatform;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.sessions.Login;
import org.eclipse.persistence.sessions.server.ConnectionPool;
import org.eclipse.persistence.sessions.server.ExternalConnectionPool;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * EclipseLink's pool over the server's datasource, without the connection its start-up opens to check that one can
 * be had. With an external (JTA) datasource EclipseLink's pool holds no connection anyway: each transaction's accessor
 * takes one from the server's pool at its first statement and gives it back at the end
 * ({@code DatasourceAccessor.incrementCallCount} connects an accessor that has none). Only the check at login needs
 * the database; {@link SessionSetup} installs this pool when the database does not answer at start.
 */
final class LazyConnectionPool extends ExternalConnectionPool {

    private LazyConnectionPool(ServerSession owner) {
        super(ServerSession.DEFAULT_POOL, owner.getDatasourceLogin(), owner);
    }

    /** Makes this the session's read and default pool (EclipseLink keeps an external pool the login asks for). */
    static void install(ServerSession session) {
        LazyConnectionPool pool = new LazyConnectionPool(session);
        session.addConnectionPool(pool);
        session.setReadConnectionPool(pool);
    }

    @Override
    public synchronized void startUp() {
        if (isConnected()) { // one pool serves as read and default pool: started once
            return;
        }
        UnconnectedAccessor template = new UnconnectedAccessor();
        template.setPool(this);
        template.prepare(getLogin(), getOwner());
        setCachedConnection(template);
        setIsConnected(true);
    }

    /** What {@link ConnectionPool#buildConnection()} makes, without connecting: the accessor every transaction clones. */
    private static final class UnconnectedAccessor extends DatabaseAccessor {

        void prepare(Login login, AbstractSession session) {
            setLogin(login);
            setDatasourcePlatform((DatasourcePlatform) session.getDatasourceLogin().getDatasourcePlatform());
            createCustomizer(session);
        }
    }
}
