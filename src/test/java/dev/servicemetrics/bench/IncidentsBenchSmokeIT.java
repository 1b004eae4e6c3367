package dev.servicemetrics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.BenchScript;
import dev.servicemetrics.testsupport.InstalledTool;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bench/incidents.sh, both phases small: 1,000 alerts in 10 webhooks (after a warm-up of 20 and 50 small ones) and their
 * re-delivery against the JDBC baseline; the list over 2,000 incidents, 2 s at 4 connections (then again beside a
 * client committing 10 times a second), against pgbench.
 */
class IncidentsBenchSmokeIT {

    @Test
    void theIncidentsBenchmarkIngestsRedeliversWithoutCreatingAndListsAgainstItsBaselines() {
        InstalledTool.POSTGRESQL_15.require();
        InstalledTool.WRK.require();
        InstalledTool.PYTHON3.require();
        Path results = BenchScript.of("incidents", Map.of(
                        "BENCH_ALERTS", "1000",
                        "BENCH_SENDERS", "2",
                        "BENCH_WARMUP", "50",
                        "BENCH_INCIDENTS", "2000",
                        "BENCH_CONNECTIONS", "4",
                        "BENCH_SECONDS", "2",
                        "BENCH_SERVER_OPTS", BenchScript.SMOKE_JVM),
                "incidents.sh").run();

        String tables = BenchScript.read(results.resolve("incidents.md"));
        List<String> first = BenchScript.row(tables, "service, first delivery");
        assertEquals(List.of("1000", "0", "1000", "0"), List.of(first.get(1), first.get(8), first.get(10), first.get(11)),
                "1,000 alerts sent, every webhook 2xx, all opened, none duplicate: " + first);
        List<String> again = BenchScript.row(tables, "service, re-delivery");
        assertEquals(List.of("0", "0", "1000"), List.of(again.get(8), again.get(10), again.get(11)),
                "re-delivery: every webhook 2xx, none opened, all duplicate: " + again);
        assertTrue(tables.contains("**nothing created**"), "re-delivery left every table's row count unchanged:\n" + tables);
        BenchScript.row(tables, "baseline, JDBC batches");
        assertTrue(tables.contains("warm-up before both measurements: 20 webhooks of 100 alerts and 50 of 2 alerts"),
                "both sides were warmed up with the same rows:\n" + tables);

        List<String> list = BenchScript.row(tables, "wrk -t2");
        assertEquals("0", list.get(8), "every list request answered 2xx: " + list);
        assertTrue(Double.parseDouble(list.get(3)) > 0, "the list answered: " + list);
        Matcher pages = Pattern.compile("pages answered kept / read \\(warm-up included\\): (\\d+) / (\\d+)").matcher(tables);
        assertTrue(pages.find() && Long.parseLong(pages.group(1)) > 0, "the repeated page was answered kept:\n" + tables);
        assertTrue(pages.find(), "the run beside a committing client counted its pages too:\n" + tables);
        for (String script : List.of("list.sql", "list-cold.sql", "list-kept.sql")) {
            List<String> pgbench = BenchScript.row(tables, "pgbench -M prepared -c 4 -j 2 -T 2 -f " + script);
            assertTrue(pgbench.get(1).endsWith("TPS") && Double.parseDouble(pgbench.get(1).split(" ")[0]) > 0,
                    "pgbench ran the page's statements: " + pgbench);
        }
    }
}
