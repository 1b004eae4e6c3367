package dev.servicemetrics.deploy;

import dev.servicemetrics.testsupport.TestTokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.testsupport.FreePort;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.InstalledTool;
import dev.servicemetrics.testsupport.Patience;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's demo command as a user would: bin/demo brings up the mock exporter, Debian's
 * Prometheus with the server-config rules, Debian's Alertmanager and the service; a real alert rule
 * opens an incident through the real Alertmanager; Ctrl-C leaves no process behind.
 */
class DemoIT {

    private static final Pattern STARTED = Pattern.compile("started \\(pid (\\d+)");
    /** bin/demo gives its four processes 30 s to exit, then kills them; a loaded machine adds its own delay. */
    private static final long STOP_BOUND_SECONDS = 180;

    @Test
    void demoShowsFreshMetricsAndAnIncidentFromARealAlertThenStopsEverything() throws Exception {
        InstalledTool.PROMETHEUS.require();
        InstalledTool.ALERTMANAGER.require();
        int servicePort = FreePort.next();
        Path runDir = Files.createTempDirectory("service-metrics-demo");
        // A build started in the background of a non-interactive shell (a CI runner, nohup ... &) runs with SIGINT
        // ignored, every child inherits that, and bash cannot trap a signal ignored on entry; a user's terminal
        // never does that, so the demo gets Ctrl-C's default disposition back, as in a terminal.
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT", "bin/demo").redirectErrorStream(true);
        builder.environment().putAll(java.util.Map.of(
                "SERVICE_PORT", String.valueOf(servicePort),
                "MOCK_SERVICE_PORT", String.valueOf(FreePort.next()),
                "PROMETHEUS_PORT", String.valueOf(FreePort.next()),
                "ALERTMANAGER_PORT", String.valueOf(FreePort.next()),
                "API_TOKEN", TestTokens.next("demo"),
                "DEMO_DIR", runDir.toString(),
                "DEMO_SKIP_BUILD", "1",
                "DEMO_RULE_FOR", "5s",
                "MOCK_START_SECOND", "80",
                "SCRAPE_INTERVAL", "2"));
        builder.environment().remove("WEBHOOK_TOKEN");
        Process demo = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        CompletableFuture<String> dashboard = new CompletableFuture<>();
        Thread reader = new Thread(() -> read(demo, output, dashboard));
        reader.start();
        List<Long> pids = new ArrayList<>();
        boolean exited;
        try {
            String url = dashboard.get(180, TimeUnit.SECONDS);
            assertEquals("http://localhost:" + servicePort + "/", url);
            output.forEach(line -> {
                Matcher started = STARTED.matcher(line);
                if (started.find()) {
                    pids.add(Long.parseLong(started.group(1)));
                }
            });
            assertEquals(4, pids.size(), "mock exporter, Prometheus, Alertmanager and the service: " + output);

            Http http = new Http(URI.create("http://127.0.0.1:" + servicePort + "/"));
            assertTrue(Http.eventually(Patience.ofIntervals(Duration.ofSeconds(2)).multipliedBy(2), () -> {
                JsonObject metrics = Http.json(http.get("/api/metrics"));
                return !metrics.getBoolean("stale") && metrics.getJsonArray("series").size() >= 5;
            }), "fresh metrics from the real Prometheus scraping the mock exporter");

            // The mock, started 80 s into its timeline, crosses 90 % disk usage a few seconds later: DiskUsageHigh fires.
            assertTrue(Http.eventually(Duration.ofMinutes(8), () -> Http.json(http.get("/api/incidents?q=DiskUsageHigh"))
                            .getJsonArray("items").stream()
                            .map(item -> item.asJsonObject())
                            .anyMatch(incident -> "alertmanager".equals(incident.getString("source"))
                                    && "DiskUsageHigh".equals(incident.getJsonObject("labels").getString("alertname", "")))),
                    "an incident opened by a real alert rule through the real Alertmanager");
        } finally {
            // no assertion here: it would hide why the body failed
            new ProcessBuilder("kill", "-INT", String.valueOf(demo.pid())).start().waitFor();
            exited = demo.waitFor(STOP_BOUND_SECONDS, TimeUnit.SECONDS);
            if (!exited) {
                demo.descendants().forEach(ProcessHandle::destroyForcibly); // not left behind by a failed run
                demo.destroyForcibly();
            }
            reader.join(5_000);
        }
        assertTrue(exited, "Ctrl-C stops the demo: " + output);
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " left running");
        }
        assertTrue(output.stream().anyMatch(line -> line.contains("[demo] stopped")), String.join("\n", output));
    }

    private static void read(Process demo, List<String> output, CompletableFuture<String> dashboard) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                System.out.println(line);
                int at = line.indexOf("dashboard: ");
                if (at >= 0) {
                    dashboard.complete(line.substring(at + "dashboard: ".length()).trim());
                }
            }
        } catch (IOException e) {
            dashboard.completeExceptionally(e);
        }
        dashboard.completeExceptionally(new IllegalStateException("demo ended before printing the dashboard URL: " + output));
    }
}
