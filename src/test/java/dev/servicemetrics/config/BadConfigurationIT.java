package dev.servicemetrics.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A bad value stops the real process with a non-zero exit and one line naming the variable. */
class BadConfigurationIT {

    /** Five starts at once beside other tests on a loaded two-core machine: bounds a hang, not a speed. */
    private static final Duration EXIT_BOUND = Duration.ofMinutes(4);

    private static final Map<String, String> BAD_VALUES = Map.of(
            "SCRAPE_INTERVAL", "-5",
            "PROMETHEUS_URL", "not a url",
            "METRICS_QUERIES", "/nonexistent/queries.yml",
            "WEBHOOK_MAX_BYTES", "64MiB",
            "API_TOKEN_FILE", "/nonexistent/secrets/api-token");

    @Test
    void eachBadValueStopsTheServiceNamingTheVariable() {
        // Started together: each process exits on its own, so they need not wait for one another.
        List<Map.Entry<String, ServiceProcess>> started = BAD_VALUES.entrySet().stream()
                .map(bad -> Map.entry(bad.getKey(), ServiceProcess.builder("bad-config-" + bad.getKey())
                        .env(bad.getKey(), bad.getValue())
                        .launch()))
                .collect(Collectors.toList());
        for (Map.Entry<String, ServiceProcess> entry : started) {
            try (ServiceProcess service = entry.getValue()) {
                int exit = service.awaitExit(EXIT_BOUND);
                assertEquals(78, exit, entry.getKey() + ": expected exit code 78 (EX_CONFIG), log: " + service.log());
                List<String> lines = service.log().lines()
                        .filter(line -> line.contains("Configuration error, stopping"))
                        .toList();
                assertEquals(1, lines.size(), "exactly one line names the problem: " + lines);
                assertTrue(lines.get(0).contains(entry.getKey() + "="), lines.get(0));
                assertTrue(lines.get(0).contains("expected"), lines.get(0));
            }
        }
    }

    @Test
    void nonNumericIntervalNamesTheVariableAndTheExpectedValue() {
        try (ServiceProcess service = ServiceProcess.builder("bad-config-nonnumeric").env("SCRAPE_INTERVAL", "ten").launch()) {
            assertEquals(78, service.awaitExit(EXIT_BOUND), service.log());
            assertTrue(service.log().contains("SCRAPE_INTERVAL='ten' is invalid: expected a whole number from 1 to 3600"), service.log());
        }
    }

    /**
     * The embedded database's directory taken by a regular file (what blocks even root, unlike a chmod): the start
     * stops with exit code 78 and one line naming the directory and DATABASE_URL, instead of a failed deployment in
     * a process that stays up; the same for an H2 file under a file given in DATABASE_URL.
     */
    @Test
    void unwritableH2DirectoryStopsTheStartNamingTheDirectoryAndTheSetting() throws IOException {
        Path workDir = Files.createTempDirectory("service-metrics-h2-blocked");
        Files.writeString(workDir.resolve("data"), "a file where the database directory should be");
        Path blocker = Files.createTempFile("service-metrics-h2-blocker", ".txt");
        String url = "jdbc:h2:file:" + blocker.resolve("sub/incidents");
        try (ServiceProcess defaultDirectory = ServiceProcess.builder("bad-config-h2-default-dir").workDir(workDir).launch();
                ServiceProcess givenUrl = ServiceProcess.builder("bad-config-h2-url").env("DATABASE_URL", url).launch()) {
            assertStoppedNaming(defaultDirectory, "DATABASE_URL=(unset) is invalid: the H2 database directory "
                    + workDir.resolve("data").toRealPath() + " cannot be written");
            assertStoppedNaming(givenUrl, "DATABASE_URL='" + url + "' is invalid: the H2 database directory "
                    + blocker.resolve("sub") + " cannot be written");
        } finally {
            Files.deleteIfExists(blocker);
        }
    }

    private static void assertStoppedNaming(ServiceProcess service, String problem) {
        assertEquals(78, service.awaitExit(EXIT_BOUND), service.log());
        List<String> lines = service.log().lines().filter(line -> line.contains("Configuration error, stopping")).toList();
        assertEquals(1, lines.size(), "exactly one line names the problem: " + lines);
        assertTrue(lines.get(0).contains(problem), lines.get(0));
    }
}
