package dev.servicemetrics.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class ClientDisconnectsTest {

    private final ClientDisconnects filter = new ClientDisconnects();

    @Test
    void aSevereRecordOfAConnectionClosedUnderTheAnswerIsNotPassedOn() {
        LogRecord closed = new LogRecord(Level.SEVERE, "An I/O error has occurred while writing a response message entity");
        closed.setThrown(new RuntimeException("mappable", new IOException("Connection is closed")));
        assertFalse(filter.isLoggable(closed));
    }

    @Test
    void everyOtherRecordPasses() {
        LogRecord bug = new LogRecord(Level.SEVERE, "An I/O error has occurred while writing a response message entity");
        bug.setThrown(new IllegalStateException("a writer's own bug"));
        assertTrue(filter.isLoggable(bug), "a failure that is not I/O is still SEVERE");
        assertTrue(filter.isLoggable(new LogRecord(Level.SEVERE, "no exception at all")));
        LogRecord warning = new LogRecord(Level.WARNING, "closed");
        warning.setThrown(new UncheckedIOException(new IOException("Connection is closed")));
        assertTrue(filter.isLoggable(warning), "only SEVERE records are turned into a line");
    }
}
