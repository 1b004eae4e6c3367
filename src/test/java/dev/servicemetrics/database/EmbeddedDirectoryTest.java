package dev.servicemetrics.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.config.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void theDirectoryOfAnH2FileUrlIsTheParentOfItsName() {
        assertEquals(Optional.of(Path.of("data").toAbsolutePath()), EmbeddedDirectory.of(DatabaseSettings.EMBEDDED_URL));
        assertEquals(Optional.of(Path.of("/var/lib/sm")), EmbeddedDirectory.of("jdbc:h2:/var/lib/sm/db;MODE=PostgreSQL"));
        assertEquals(Optional.of(Path.of("/var/lib/sm")), EmbeddedDirectory.of("jdbc:h2:file:/var/lib/sm/db"));
    }

    @Test
    void otherUrlsHaveNoDirectory() {
        assertEquals(Optional.empty(), EmbeddedDirectory.of("jdbc:postgresql://db:5432/metrics"));
        assertEquals(Optional.empty(), EmbeddedDirectory.of("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1"));
        assertEquals(Optional.empty(), EmbeddedDirectory.of("jdbc:h2:tcp://db/~/test"));
    }

    @Test
    void aWritableDirectoryIsCreatedAndLeftWithoutTheProbe() throws IOException {
        Path dir = temp.resolve("new/data");
        EmbeddedDirectory.requireWritable(DatabaseSettings.of("jdbc:h2:file:" + dir.resolve("db"), null, null), "jdbc:h2:file:" + dir.resolve("db"));
        assertTrue(Files.isDirectory(dir));
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "the probe is removed");
        }
    }

    /** A regular file where the directory should be blocks even root, unlike a chmod. */
    @Test
    void aFileInThePathNamesTheDirectoryAndTheSetting() throws IOException {
        Files.writeString(temp.resolve("blocker"), "not a directory");
        String url = "jdbc:h2:file:" + temp.resolve("blocker/sub/db");
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> EmbeddedDirectory.requireWritable(DatabaseSettings.of(url, null, null), url));
        assertTrue(refused.getMessage().startsWith("DATABASE_URL='" + url + "' is invalid: the H2 database directory "
                + temp.resolve("blocker/sub") + " cannot be written ("), refused.getMessage());
    }

    @Test
    void theUnsetDefaultSaysSoAndWhatWouldDo() {
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> EmbeddedDirectory.requireWritable(DatabaseSettings.of("jdbc:h2:file:/dev/null/data/db", null, null), null));
        assertTrue(refused.getMessage().startsWith("DATABASE_URL=(unset) is invalid: the H2 database directory /dev/null/data"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("expected a writable ./data directory"), refused.getMessage());
    }

    /** A URL that is no JDBC URL falls back to the embedded settings; its own error, not ./data's, is the one to report. */
    @Test
    void aBadUrlIsNotReportedAsTheDefaultDirectory() {
        EmbeddedDirectory.requireWritable(DatabaseSettings.of("jdbc:h2:file:/dev/null/data/db", null, null), "postgres://db/metrics");
    }
}
