package dev.servicemetrics.metrics.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A METRICS_QUERIES file with a bad entry stops the real process with one line naming the entry. */
class BadQueryListIT {

    @Test
    void badEntryStopsTheStartNamingTheLineAndTheEntry() throws Exception {
        Path file = Files.createTempFile("queries", ".txt");
        Files.writeString(file, """
                # a list with a typo on line 3
                memory_usage_bytes   gauge   yes  memory_usage_bytes
                request_rate         gaug    yes  sum(rate(http_requests_total[1m]))
                """);
        try (ServiceProcess service = ServiceProcess.builder("bad-query-list").env("METRICS_QUERIES", file.toString()).launch()) {
            assertEquals(78, service.awaitExit(Duration.ofSeconds(120)), service.log());
            List<String> lines = service.log().lines().filter(line -> line.contains("Configuration error, stopping"))
                    .filter(line -> line.contains(file.toString())) // the log file may hold earlier runs
                    .toList();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).contains("METRICS_QUERIES='" + file + "' is invalid: line 3 (entry 'request_rate'): TYPE is 'gaug'"),
                    lines.get(0));
        }
    }
}
