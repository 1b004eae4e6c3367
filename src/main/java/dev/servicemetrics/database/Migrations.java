package dev.servicemetrics.database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the versioned migrations in db/migration at start (the same files on H2 and PostgreSQL).
 * A migration that fails is retried until it succeeds; until then the service has not started and is not ready. (A
 * PostgreSQL that is down at start stops Payara's deployment before this runs: Payara opens the persistence unit first.)
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());
    private static final long RETRY_MILLIS = 5_000;

    @Inject
    DataSource dataSource;

    @Resource
    TimerService timers;

    private final AtomicReference<String> failure = new AtomicReference<>("not yet run");

    @PostConstruct
    void migrateAtStart() {
        if (!migrate()) {
            timers.createIntervalTimer(RETRY_MILLIS, RETRY_MILLIS, new TimerConfig("migration-retry", false));
        }
    }

    @Timeout
    void retry(Timer timer) {
        if (migrate()) {
            timer.cancel();
        }
    }

    private boolean migrate() {
        try {
            MigrateResult result = Flyway.configure(getClass().getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .javaMigrations(new V2_1__AlertsOfV1Incidents())
                    .load()
                    .migrate();
            // Flyway reports no target version when nothing was applied: the schema is then at its initial one
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            LOG.info(() -> "Database schema at version " + version + " (" + result.migrationsExecuted + " migration(s) applied now)");
            failure.set(null);
            return true;
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage().lines().findFirst().orElse("");
            if (!reason.equals(failure.getAndSet(reason))) {
                LOG.warning("Database migration failed, retrying every " + RETRY_MILLIS / 1000 + " s: " + reason);
            }
            return false;
        }
    }

    public boolean applied() {
        return failure.get() == null;
    }

    public String failure() {
        return failure.get();
    }
}
