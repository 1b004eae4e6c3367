package dev.servicemetrics.database;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database of DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD as one DataSource class, for
 * servers that cannot resolve {@link Datasource}'s MicroProfile Config placeholders (WildFly): a
 * deployment descriptor names a class, and this one picks the driver from the URL as Payara does.
 * The server pools and enlists its connections like any other DataSource's.
 */
public class EnvironmentDataSource implements DataSource {

    private final DatabaseSettings settings = DatabaseSettings.fromEnvironment();
    private final DataSource target = target(settings);

    private static DataSource target(DatabaseSettings settings) {
        if (settings.embedded()) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(settings.url());
            h2.setUser(settings.user());
            h2.setPassword(settings.password());
            return h2;
        }
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(settings.url());
        postgres.setUser(settings.user());
        postgres.setPassword(settings.password());
        return postgres;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return target.getConnection();
    }

    /** The server may pass the user and password of its own definition; the environment's are the ones. */
    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return target.getConnection();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }

    @Override
    public String toString() {
        return "EnvironmentDataSource[" + settings + "]";
    }
}
