package dev.servicemetrics.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager) on a free loopback port, clustering off,
 * with its own configuration and storage in a temporary directory that {@link #close()} deletes.
 * Alerts are raised and ended with the real amtool. Its output goes to target/it-logs/NAME-alertmanager.log.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    private final Path alertmanager;
    private final Path amtool;
    private final Path dir;
    private final Path log;
    private final int port;
    private Process process;

    private AlertmanagerProcess(Path alertmanager, Path amtool, Path dir, Path log, int port) {
        this.alertmanager = alertmanager;
        this.amtool = amtool;
        this.dir = dir;
        this.log = log;
        this.port = port;
    }

    /** Starts Alertmanager with {@code configYaml} and waits until it is ready; skips (or fails in CI) without the package. */
    public static AlertmanagerProcess start(String name, String configYaml) {
        Path binary = Tools.require("prometheus-alertmanager", "prometheus-alertmanager");
        Path amtool = Tools.require("amtool", "prometheus-alertmanager");
        try {
            Path dir = Files.createTempDirectory("alertmanager-" + name);
            Files.writeString(dir.resolve("alertmanager.yml"), configYaml);
            Path logs = Path.of("target", "it-logs").toAbsolutePath();
            Files.createDirectories(logs);
            AlertmanagerProcess alertmanager = new AlertmanagerProcess(binary, amtool, dir, logs.resolve(name + "-alertmanager.log"), FreePort.next());
            alertmanager.restart();
            return alertmanager;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A route sending every alert to one webhook with a bearer token, grouped and repeated within seconds. */
    public static String webhookConfig(URI webhook, String token) {
        return """
                route:
                  receiver: service-metrics
                  group_by: ['alertname']
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 2s
                receivers:
                  - name: service-metrics
                    webhook_configs:
                      - url: '%s'
                        send_resolved: true
                        http_config:
                          authorization:
                            credentials: '%s'
                """.formatted(webhook, token);
    }

    /** A route whose receiver has no webhook at all: the service only learns of alerts by asking. */
    public static String noWebhookConfig() {
        return """
                route:
                  receiver: nobody
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: nobody
                """;
    }

    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(alertmanager.toString(),
                    "--config.file=" + dir.resolve("alertmanager.yml"),
                    "--storage.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--cluster.listen-address=")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Http http = new Http(url());
        if (!Http.eventually(Duration.ofSeconds(30), () -> http.get("/-/ready").statusCode() == 200)) {
            close();
            throw new IllegalStateException("Alertmanager did not become ready; see " + log);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    /** amtool alert add: fires an alert with these labels and annotations since {@code start}. */
    public void raise(Map<String, String> labels, Map<String, String> annotations, Instant start) {
        List<String> args = new ArrayList<>(List.of("alert", "add", "--start=" + rfc3339(start)));
        annotations.forEach((key, value) -> args.add("--annotation=" + key + "=" + value));
        labels.forEach((key, value) -> args.add(key + "=" + value));
        amtool(args);
    }

    /** amtool alert add with an end time: the same alert (same labels, same start) has stopped firing. */
    public void end(Map<String, String> labels, Instant start, Instant end) {
        List<String> args = new ArrayList<>(List.of("alert", "add", "--start=" + rfc3339(start), "--end=" + rfc3339(end)));
        labels.forEach((key, value) -> args.add(key + "=" + value));
        amtool(args);
    }

    private void amtool(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(amtool.toString());
        command.add("--alertmanager.url=" + url());
        command.addAll(args);
        try {
            Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(run.getInputStream().readAllBytes());
            if (!run.waitFor(30, TimeUnit.SECONDS) || run.exitValue() != 0) {
                throw new IllegalStateException("amtool failed: " + command + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Stops the process (by its PID) but keeps the directory, so {@link #restart()} brings it back. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing a test for
        }
    }
}
