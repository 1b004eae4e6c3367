package dev.servicemetrics.incidents;

import dev.servicemetrics.testsupport.Server;
import dev.servicemetrics.testsupport.WildFlyProcess;
import org.junit.jupiter.api.BeforeAll;

/**
 * The incidents API on WildFly with a real PostgreSQL: every test of {@link IncidentsApiTests} and
 * {@link IncidentsOnPostgresIT} (schema, exact statistics, two WildFly replicas on one database, a
 * restart), on the other server the WAR is deployed on.
 */
class IncidentsOnWildFlyIT extends IncidentsOnPostgresIT {

    @Override
    @BeforeAll
    void start() {
        WildFlyProcess.assumePrepared();
        super.start();
    }

    @Override
    Server server() {
        return Server.WILDFLY;
    }

    @Override
    String name() {
        return "incidents-wildfly-it";
    }

    @Override
    String timeZone() {
        return "Australia/Lord_Howe";
    }
}
