package dev.servicemetrics.testsupport;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The servers the WAR is deployed on. A behaviour's test class is parameterised by this
 * ({@code @ParameterizedClass @EnumSource(Server.class)}, or one subclass per server), so the two
 * cannot drift. Payara runs on the database the environment names (the embedded H2 unless
 * DATABASE_URL is set); WildFly always on PostgreSQL, as a WildFly team would run it: a PostgreSQL of
 * its own, started and stopped with it, unless the test passes DATABASE_URL.
 */
public enum Server {

    PAYARA {
        @Override
        public RunningService start(String name, Map<String, String> environment, Path workDir) {
            ServiceProcess.Builder builder = ServiceProcess.builder(name);
            environment.forEach(builder::env);
            if (workDir != null) {
                builder.workDir(workDir);
            }
            return builder.start();
        }

        @Override
        public void assumeAvailable() {
            // the microbundle is always built
        }
    },

    /** Each start has a new server base directory: its data are in PostgreSQL, which outlives it. */
    WILDFLY {
        @Override
        public RunningService start(String name, Map<String, String> environment, Path workDir) {
            assumeAvailable();
            if (environment.containsKey("DATABASE_URL")) {
                return WildFlyProcess.start(name + "-wildfly", environment);
            }
            Postgres postgres = Postgres.start();
            try {
                Map<String, String> withDatabase = new HashMap<>(environment);
                withDatabase.put("DATABASE_URL", postgres.jdbcUrl());
                withDatabase.put("DATABASE_USER", postgres.user());
                return new WithDatabase(WildFlyProcess.start(name + "-wildfly", withDatabase), postgres);
            } catch (RuntimeException failed) {
                postgres.close();
                throw failed;
            }
        }

        @Override
        public void assumeAvailable() {
            WildFlyProcess.assumePrepared();
        }
    };

    /** Starts the service and waits until it serves /health/live. */
    public RunningService start(String name, Map<String, String> environment) {
        return start(name, environment, null);
    }

    /**
     * Starts the service in {@code workDir} when given (Payara: the same embedded database across a
     * restart) and waits until it serves /health/live.
     */
    public abstract RunningService start(String name, Map<String, String> environment, Path workDir);

    /** Skips the calling test when this server is not prepared by the build ({@code -Dwildfly.skip}). */
    public abstract void assumeAvailable();

    /** A service and the PostgreSQL started for it, stopped together. */
    private record WithDatabase(RunningService service, Postgres postgres) implements RunningService {

        @Override
        public java.net.URI baseUri() {
            return service.baseUri();
        }

        @Override
        public int port() {
            return service.port();
        }

        @Override
        public Path workDir() {
            return service.workDir();
        }

        @Override
        public String log() {
            return service.log();
        }

        @Override
        public void close() {
            try {
                service.close();
            } finally {
                postgres.close();
            }
        }
    }
}
