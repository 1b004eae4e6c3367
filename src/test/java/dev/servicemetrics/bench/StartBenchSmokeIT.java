package dev.servicemetrics.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.BenchScript;
import dev.servicemetrics.testsupport.InstalledTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * bench/start.sh, one run of the empty WAR and of the service through Payara Micro's launcher with the
 * class-data-sharing archive: that is also the one run of bin/cds-archive in the suite, the path the Dockerfile takes.
 */
class StartBenchSmokeIT {

    @Test
    void theStartBenchmarkMakesTheArchiveAndTimesBothStarts() throws Exception {
        InstalledTool.PYTHON3.require();
        InstalledTool.BC.require();
        Path results = BenchScript.of("start", Map.of(
                        "BENCH_START_VARIANTS", "empty service-cds",
                        "BENCH_SERVER_OPTS", BenchScript.SMOKE_JVM),
                "start.sh", "1").run();

        assertTrue(Files.size(results.resolve("start/cds/service.jsa")) > 0, "bin/cds-archive wrote the archive");
        String table = BenchScript.read(results.resolve("start.md"));
        for (String variant : List.of("empty", "service-cds")) {
            List<String> row = BenchScript.row(table, variant);
            assertTrue(row.get(1).equals("1") && Double.parseDouble(row.get(2).split(" ")[0]) > 0,
                    variant + " started once and was timed: " + row);
        }
    }
}
