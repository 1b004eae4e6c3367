package dev.servicemetrics.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real Alertmanager ({@code prometheus-alertmanager} on Debian) on a free loopback port, with
 * clustering off so that it opens no other port. Skips (or fails on CI) when it is not installed.
 * Alerts can be raised and ended with the real {@code amtool}; {@link #stop()} and {@link #restart()}
 * take it away and bring it back on the same port (empty: Alertmanager keeps alerts in memory only).
 */
public final class AlertmanagerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String configYaml;
    private final Map<String, String> files;
    private final int port;
    private ServerProcess server;

    private AlertmanagerProcess(String configYaml, Map<String, String> files, int port) {
        this.configYaml = configYaml;
        this.files = Map.copyOf(files);
        this.port = port;
    }

    /**
     * Writes {@code configYaml} to {@code alertmanager.yml} and each of {@code files} (name to
     * content, e.g. a {@code webhook-token}) next to it, then starts Alertmanager on it.
     */
    public static AlertmanagerProcess start(String configYaml, Map<String, String> files) {
        AlertmanagerProcess alertmanager = new AlertmanagerProcess(configYaml, files, FreePort.next());
        alertmanager.restart();
        return alertmanager;
    }

    /** Starts it again, on the same port with the same configuration, if {@link #stop()} stopped it. */
    public synchronized void restart() {
        if (server != null) {
            return;
        }
        Path binary = InstalledTool.ALERTMANAGER.require();
        Path directory = ServerProcess.temporaryDirectory("alertmanager-test-");
        Path config = directory.resolve("alertmanager.yml");
        try {
            Files.writeString(config, configYaml, StandardCharsets.UTF_8);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(directory.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=warn");
        server = ServerProcess.start(command, directory, URI.create("http://127.0.0.1:" + port + "/"));
    }

    /** Stops it (by PID); its alerts are gone, as they would be in a real restart. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public int port() {
        return port;
    }

    public synchronized long pid() {
        return server.pid();
    }

    /** POSTs a JSON array of alerts to {@code /api/v2/alerts}, as Prometheus does; returns the status. */
    public int postAlerts(String alertsJson) {
        HttpRequest request = HttpRequest.newBuilder(uri().resolve("/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString(alertsJson)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code amtool alert add}: an alert with these labels and annotations fires since {@code start}. */
    public void raise(Map<String, String> labels, Map<String, String> annotations, Instant start) {
        List<String> arguments = new ArrayList<>(List.of("alert", "add", "--start=" + rfc3339(start)));
        annotations.forEach((name, value) -> arguments.add("--annotation=" + name + "=" + value));
        labels.forEach((name, value) -> arguments.add(name + "=" + value));
        amtool(arguments);
    }

    /** {@code amtool alert add --end}: the same alert (same labels, same start) stopped firing at {@code end}. */
    public void end(Map<String, String> labels, Instant start, Instant end) {
        List<String> arguments = new ArrayList<>(List.of("alert", "add", "--start=" + rfc3339(start), "--end=" + rfc3339(end)));
        labels.forEach((name, value) -> arguments.add(name + "=" + value));
        amtool(arguments);
    }

    private void amtool(List<String> arguments) {
        List<String> all = new ArrayList<>(List.of("--alertmanager.url=" + uri()));
        all.addAll(arguments);
        InstalledTool.Result result = InstalledTool.AMTOOL.run("", all.toArray(String[]::new));
        if (!result.succeeded()) {
            throw new IllegalStateException("amtool " + all + " failed:\n" + result.output());
        }
    }

    private static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public synchronized String log() {
        return server == null ? "(stopped)" : server.log();
    }

    @Override
    public void close() {
        stop();
    }
}
