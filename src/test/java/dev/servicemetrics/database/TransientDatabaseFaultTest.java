package dev.servicemetrics.database;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.resource.spi.ResourceAllocationException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.TransactionalException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.eclipse.persistence.exceptions.DatabaseException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** With the exception types the driver, EclipseLink, JPA, JTA and the pool really throw, wrapped as they wrap them. */
class TransientDatabaseFaultTest {

    static PSQLException connectionRefused() {
        return new PSQLException("Connection to 127.0.0.1:5432 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
    }

    /** A transactional CDI method whose commit failed because the database had gone. */
    static TransactionalException wrappedAsTheContainerDoes(Throwable fault) {
        PersistenceException jpa = new PersistenceException(DatabaseException.sqlException(asSql(fault), false));
        RollbackException rollback = new RollbackException("the transaction was rolled back");
        rollback.initCause(jpa);
        return new TransactionalException("commit failed", rollback);
    }

    private static SQLException asSql(Throwable fault) {
        return fault instanceof SQLException sql ? sql : new SQLException("Error in allocating a connection", fault);
    }

    @Test
    void connectionRefusedDeepInTheChainIsTransient() {
        PSQLException refused = connectionRefused();
        assertSame(refused, TransientDatabaseFault.in(wrappedAsTheContainerDoes(refused)).orElseThrow());
        assertTrue(TransientDatabaseFault.in(new PersistenceException(DatabaseException.sqlException(refused))).isPresent());
    }

    @Test
    void everyConnectionStateAndShutdownIsTransient() {
        for (String state : new String[] {"08001", "08006", "08003", "57P01", "57P02", "57P03", "53300", "40001", "40P01"}) {
            assertTrue(TransientDatabaseFault.in(wrappedAsTheContainerDoes(new SQLException("gone", state))).isPresent(), state);
        }
        assertTrue(TransientDatabaseFault.in(new PSQLException("I/O error", PSQLState.CONNECTION_FAILURE)).isPresent());
    }

    @Test
    void poolThatCannotGetAConnectionIsTransient() {
        assertTrue(TransientDatabaseFault.in(new PersistenceException(new SQLTransientConnectionException("pool timed out"))).isPresent());
        // Payara's pool: an SQLException without SQLSTATE around the connector's allocation failure
        SQLException pool = new SQLException("Error in allocating a connection. Cause: Connection could not be allocated",
                new ResourceAllocationException("Connection could not be allocated because: Connection refused"));
        assertTrue(TransientDatabaseFault.in(wrappedAsTheContainerDoes(pool)).isPresent());
    }

    @Test
    void eclipseLinkCommunicationFailureIsTransientEvenWithoutAnSqlState() {
        DatabaseException communication = DatabaseException.sqlException(new SQLException("socket closed"), true);
        assertSame(communication, TransientDatabaseFault.in(new PersistenceException(communication)).orElseThrow());
        assertFalse(TransientDatabaseFault.in(new PersistenceException(
                DatabaseException.sqlException(new SQLException("syntax error"), false))).isPresent());
    }

    @Test
    void bugsAndBadDataAreNotTransient() {
        assertFalse(TransientDatabaseFault.in(new NullPointerException()).isPresent());
        assertFalse(TransientDatabaseFault.in(new IllegalStateException(new NullPointerException())).isPresent());
        assertFalse(TransientDatabaseFault.in(wrappedAsTheContainerDoes(
                new PSQLException("duplicate key value", PSQLState.UNIQUE_VIOLATION))).isPresent());
        assertFalse(TransientDatabaseFault.in(wrappedAsTheContainerDoes(
                new PSQLException("relation \"incident\" does not exist", PSQLState.UNDEFINED_TABLE))).isPresent());
        assertFalse(TransientDatabaseFault.in(new OptimisticLockException("changed meanwhile")).isPresent());
        assertFalse(TransientDatabaseFault.in(new TransactionalException("rolled back", new RollbackException())).isPresent());
    }

    @Test
    void nextExceptionOfABatchIsLookedAt() {
        SQLException batch = new SQLException("Batch entry 0 was aborted", "XX000");
        batch.setNextException(connectionRefused());
        assertTrue(TransientDatabaseFault.in(new PersistenceException(batch)).isPresent());
    }

    @Test
    void aCycleInTheChainEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);
        assertFalse(TransientDatabaseFault.in(first).isPresent());
    }
}
