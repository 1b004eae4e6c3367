package dev.servicemetrics.database;

import dev.servicemetrics.config.InvalidConfigurationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The directory of an H2 file database must be a directory the process can write to, with room in it. H2 finds
 * out only when the persistence unit first connects, deep in the deployment, which then fails with pages of stack
 * traces and leaves Payara Micro running with nothing deployed; checked here first, it is one line and an exit.
 */
final class EmbeddedDirectory {

    /** H2 writes pages of 4 KiB and more: a disk without room for a few of them cannot hold the database. */
    private static final int PROBE_BYTES = 64 * 1024;
    private static final String PROBE = ".service-metrics-write-check";

    private EmbeddedDirectory() {
    }

    /**
     * The directory of {@code jdbcUrl} when it names an H2 file database ({@code jdbc:h2:file:./data/name},
     * {@code jdbc:h2:./data/name}); empty for PostgreSQL, in-memory and server URLs.
     */
    static Optional<Path> of(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String name = jdbcUrl.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (name.startsWith("mem:") || name.startsWith("tcp:") || name.startsWith("ssl:") || name.startsWith("zip:")) {
            return Optional.empty();
        }
        name = name.startsWith("file:") ? name.substring("file:".length()) : name;
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        Path parent = Path.of(name).toAbsolutePath().normalize().getParent();
        return Optional.ofNullable(parent);
    }

    /**
     * Creates the directory if need be and writes (and removes) a small file in it.
     *
     * @throws InvalidConfigurationException naming DATABASE_URL and the directory when that fails
     */
    static void requireWritable(DatabaseSettings settings, String configuredUrl) {
        boolean fallback = configuredUrl != null && !configuredUrl.trim().startsWith("jdbc:h2:");
        Optional<Path> directory = of(settings.url());
        if (fallback || directory.isEmpty()) {
            // a PostgreSQL URL, or a bad one that ServiceConfiguration reports by itself
            return;
        }
        Path dir = directory.get();
        try {
            Files.createDirectories(dir);
            Path probe = dir.resolve(PROBE);
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.allocate(PROBE_BYTES));
                channel.force(true);
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException | SecurityException e) {
            throw new InvalidConfigurationException("DATABASE_URL", configuredUrl,
                    "the H2 database directory " + dir + " cannot be written (" + describe(e) + ")",
                    configuredUrl == null
                            ? "a writable ./data directory in the working directory, or DATABASE_URL naming a database"
                            : "an H2 file in a writable directory, or a PostgreSQL URL");
        }
    }

    private static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
