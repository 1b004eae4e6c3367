package dev.servicemetrics.web;

import dev.servicemetrics.CauseChain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A client that goes away while its answer is being written (a tab closed, a dashboard reloaded, a proxy's
 * timeout) is no fault of the service, yet Jersey logs each one as SEVERE with a trace of some 160 lines
 * (eclipse-ee4j/jersey#4420): a benchmark's 64 connections closing wrote 67 of them. This filter on Jersey's
 * responder turns exactly those records, SEVERE with an I/O failure among the causes, into one INFO line;
 * every other record of that logger passes as before. (RESTEasy on WildFly does not log this way.)
 */
@ApplicationScoped
public class ClientDisconnects implements Filter {

    static final String RESPONDER = "org.glassfish.jersey.server.ServerRuntime$Responder";
    private static final Logger LOG = Logger.getLogger(ClientDisconnects.class.getName());
    /** Held here: a logger nobody references may be collected, and its filter with it. */
    private static final Logger JERSEY = Logger.getLogger(RESPONDER);

    void install(@Observes @Initialized(ApplicationScoped.class) Object started) {
        JERSEY.setFilter(this);
    }

    void uninstall(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (JERSEY.getFilter() == this) {
            JERSEY.setFilter(null);
        }
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLevel() != Level.SEVERE) {
            return true;
        }
        return CauseChain.of(record.getThrown()).first(IOException.class).map(gone -> {
            LOG.info(() -> "A client closed its connection before its answer was written (" + gone + ")");
            return false;
        }).orElse(true);
    }
}
