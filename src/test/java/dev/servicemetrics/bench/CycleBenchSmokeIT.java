package dev.servicemetrics.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.BenchScript;
import dev.servicemetrics.testsupport.InstalledTool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bench/cycle.sh, 3 measured cycles of 2 s after one warm-up: the service's cycle and the same calls sent directly to Prometheus. */
class CycleBenchSmokeIT {

    @Test
    void theCycleBenchmarkComparesTheServiceWithTheSameQueriesSentDirectly() {
        InstalledTool.PROMETHEUS.require();
        InstalledTool.PYTHON3.require();
        Path results = BenchScript.of("cycle", Map.of(
                        "BENCH_WARMUP", "1",
                        "BENCH_INTERVAL", "2",
                        "BENCH_SERVER_OPTS", BenchScript.SMOKE_JVM),
                "cycle.sh", "3").run();

        String table = BenchScript.read(results.resolve("cycle.md"));
        List<String> row = BenchScript.row(table, first -> first.startsWith("20")); // the run's date
        assertTrue(row.get(2).startsWith("3 "), "3 measured cycles: " + row);
        assertTrue(row.get(5).contains("×") && row.get(6).contains("×"), "both ratios to the direct calls: " + row);
    }
}
