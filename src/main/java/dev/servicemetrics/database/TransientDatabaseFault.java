package dev.servicemetrics.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a failure that says the database was out of reach for a while (stopped, restarting,
 * refusing connections, the pool unable to open one, a timeout or deadlock), as opposed to a bug or
 * bad data: the same request is worth retrying. It is looked for along the whole cause chain, since
 * JTA, JPA, EclipseLink, the connection pool and the driver each wrap it in their own exception.
 */
public final class TransientDatabaseFault {

    /**
     * SQLSTATE codes of a database that cannot serve now: PostgreSQL's admin_shutdown, crash_shutdown,
     * cannot_connect_now, too_many_connections, and the retry-the-transaction pair serialization_failure
     * and deadlock_detected. Class 08 (connection exception) is matched as a whole.
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01");
    /**
     * Types of the container, named rather than linked: the connector pool's "could not allocate a
     * connection" and EclipseLink's exception (which knows whether it was a communication failure) are
     * not the application's classes, and WildFly has no Payara pool.
     */
    private static final String POOL_COULD_NOT_ALLOCATE = "jakarta.resource.spi.ResourceAllocationException";
    private static final String ECLIPSELINK_DATABASE_EXCEPTION = "org.eclipse.persistence.exceptions.DatabaseException";

    private TransientDatabaseFault() {
    }

    /** The transient fault somewhere in {@code failure}'s chain, if there is one. */
    public static Optional<Throwable> in(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable next = pending.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (isTransient(next)) {
                return Optional.of(next);
            }
            if (next.getCause() != null) {
                pending.add(next.getCause());
            }
            if (next instanceof SQLException sql && sql.getNextException() != null) {
                pending.add(sql.getNextException());
            }
        }
        return Optional.empty();
    }

    private static boolean isTransient(Throwable failure) {
        if (failure instanceof SQLTransientException
                || failure instanceof SQLNonTransientConnectionException
                || failure instanceof SQLRecoverableException) {
            return true;
        }
        if (failure instanceof SQLException sql && sql.getSQLState() != null) {
            return sql.getSQLState().startsWith("08") || STATES.contains(sql.getSQLState());
        }
        return isA(failure, POOL_COULD_NOT_ALLOCATE)
                || isA(failure, ECLIPSELINK_DATABASE_EXCEPTION) && communicationFailure(failure);
    }

    private static boolean isA(Throwable failure, String typeName) {
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(typeName)) {
                return true;
            }
        }
        return false;
    }

    private static boolean communicationFailure(Throwable eclipseLink) {
        try {
            return Boolean.TRUE.equals(eclipseLink.getClass().getMethod("isCommunicationFailure").invoke(eclipseLink));
        } catch (ReflectiveOperationException | RuntimeException notThatVersion) {
            return false;
        }
    }
}
