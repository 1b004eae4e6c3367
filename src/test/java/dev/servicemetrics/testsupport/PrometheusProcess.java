package dev.servicemetrics.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real {@code prometheus} binary on a free loopback port, with the given configuration and a
 * throw-away TSDB in a temporary directory. Skips (or fails on CI) when Prometheus is not installed.
 *
 * <pre>
 * try (PrometheusProcess prometheus = PrometheusProcess.start(yaml)) {
 *     String json = prometheus.query("up");
 * }
 * </pre>
 */
public final class PrometheusProcess implements AutoCloseable {

    private final ServerProcess server;

    private PrometheusProcess(ServerProcess server) {
        this.server = server;
    }

    /** Prometheus scraping the exporter at {@code target} every second as job {@code mock-metrics}, as the seed names it. */
    public static PrometheusProcess scrapingMockExporter(java.net.URI target) {
        return start("""
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: mock-metrics
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(target.getPort()));
    }

    /** Writes {@code configYaml} to {@code prometheus.yml} in a fresh directory and starts Prometheus on it. */
    public static PrometheusProcess start(String configYaml) {
        return start(configYaml, FreePort.next());
    }

    /** Starts Prometheus on a given port, e.g. again on the port of one that was stopped (with an empty TSDB). */
    public static PrometheusProcess start(String configYaml, int port) {
        Path binary = InstalledTool.PROMETHEUS.require();
        Path directory = ServerProcess.temporaryDirectory("prometheus-test-");
        Path config = directory.resolve("prometheus.yml");
        try {
            Files.writeString(config, configYaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = List.of(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn");
        return new PrometheusProcess(ServerProcess.start(command, directory, URI.create("http://127.0.0.1:" + port + "/")));
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

    /** The temporary directory holding {@code prometheus.yml}, {@code data/} and {@code server.log}. */
    public Path directory() {
        return server.directory();
    }

    /** The raw JSON answer of {@code /api/v1/query} for an instant query. */
    public String query(String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body();
    }

    public HttpResponse<String> get(String pathAndQuery) {
        try {
            return server.get(pathAndQuery);
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
