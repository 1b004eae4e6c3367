package dev.servicemetrics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicemetrics.testsupport.BenchScript;
import dev.servicemetrics.testsupport.InstalledTool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bench/run.sh at 20 clients, 2 measured cycles of 2 s: the service's /ws and the plain broadcaster in the same Payara Micro. */
class FanoutBenchSmokeIT {

    private static final int CLIENTS = 20;

    @Test
    void theFanoutBenchmarkDeliversEveryCycleToEveryClientOfBothEndpoints() {
        InstalledTool.PROMETHEUS.require();
        InstalledTool.PYTHON3.require();
        Path results = BenchScript.of("fanout", Map.of(
                        "BENCH_RUN", "smoke",
                        "BENCH_CYCLES", "2",
                        "BENCH_INTERVAL", "2",
                        "BENCH_SERVER_OPTS", BenchScript.SMOKE_JVM,
                        "BENCH_CLIENT_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m"),
                "run.sh", String.valueOf(CLIENTS)).run();

        String table = BenchScript.read(results.resolve("smoke/results.md"));
        for (String endpoint : List.of("service", "baseline")) {
            List<String> row = BenchScript.row(table, endpoint);
            assertEquals(String.valueOf(CLIENTS), row.get(2), endpoint + ": every client connected: " + row);
            assertEquals("0", row.get(6), endpoint + ": no (client, cycle) missed: " + row);
        }
    }
}
