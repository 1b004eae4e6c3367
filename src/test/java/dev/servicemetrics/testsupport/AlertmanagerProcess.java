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
import java.util.List;
import java.util.Map;

/**
 * The real Alertmanager ({@code prometheus-alertmanager} on Debian) on a free loopback port, with
 * clustering off so that it opens no other port. Skips (or fails on CI) when it is not installed.
 */
public final class AlertmanagerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ServerProcess server;

    private AlertmanagerProcess(ServerProcess server) {
        this.server = server;
    }

    /**
     * Writes {@code configYaml} to {@code alertmanager.yml} and each of {@code files} (name to
     * content, e.g. a {@code webhook-token}) next to it, then starts Alertmanager on it.
     */
    public static AlertmanagerProcess start(String configYaml, Map<String, String> files) {
        Path binary = InstalledTool.ALERTMANAGER.require();
        Path directory = ServerProcess.temporaryDirectory("alertmanager-test-");
        int port = LoopbackPorts.free();
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
        return new AlertmanagerProcess(ServerProcess.start(command, directory, URI.create("http://127.0.0.1:" + port + "/")));
    }

    public URI uri() {
        return server.uri();
    }

    public int port() {
        return server.uri().getPort();
    }

    public long pid() {
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

    public String log() {
        return server.log();
    }

    @Override
    public void close() {
        server.close();
    }
}
