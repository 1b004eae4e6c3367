package dev.servicemetrics.mock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The mock exporter's program: serves {@code /metrics}, {@code /-/healthy} and a short index page
 * with the JDK's own HTTP server, and stops cleanly on SIGTERM or Ctrl-C.
 */
public final class MockExporter implements AutoCloseable {

    private static final String PLAIN = "text/plain; charset=utf-8";
    private static final String INDEX = """
            service-metrics mock exporter
            The seed's five metrics, moving on a fixed timeline (see DemoSchedule):
              /metrics    Prometheus text format 0.0.4
              /-/healthy  200 while running
            """;

    private final HttpServer server;
    private final MockMetrics metrics;
    private final long startNanos = System.nanoTime();
    private final long startSecond;

    private MockExporter(HttpServer server, long seed, long startSecond) {
        this.server = server;
        this.metrics = new MockMetrics(seed);
        this.startSecond = startSecond;
        server.createContext("/", this::handle);
        server.start();
    }

    public static void main(String[] args) {
        try {
            MockSettings settings = MockSettings.from(System.getenv(), System.getProperties());
            MockExporter exporter = start(settings.bindAddress(), settings.port(), settings.seed(), settings.startSecond());
            Runtime.getRuntime().addShutdownHook(new Thread(exporter::close, "mock-exporter-stop"));
            System.out.println("mock-exporter serving " + exporter.uri().resolve("/metrics")
                    + " (seed " + settings.seed() + (settings.startSecond() > 0 ? ", from second " + settings.startSecond() : "") + ")");
        } catch (IllegalArgumentException | UncheckedIOException e) {
            System.err.println("mock-exporter: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Starts serving at once; tests start it in-process on 127.0.0.1 and port 0 (any free port). */
    public static MockExporter start(String bindAddress, int port, long seed) {
        return start(bindAddress, port, seed, 0);
    }

    /** Starts {@code startSecond} seconds into its timeline (0: at the seed document's sample). */
    public static MockExporter start(String bindAddress, int port, long seed, long startSecond) {
        try {
            return new MockExporter(HttpServer.create(new InetSocketAddress(bindAddress, port), 0), seed, startSecond);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The bound address, with the real port when port 0 was asked for. */
    public URI uri() {
        InetSocketAddress bound = server.getAddress();
        return URI.create("http://" + bound.getHostString() + ":" + bound.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(1);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, PLAIN, "Method not allowed: " + method + "\n");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/metrics" -> respond(exchange, 200, Exposition.CONTENT_TYPE, Exposition.of(current()));
                case "/-/healthy" -> respond(exchange, 200, PLAIN, "Mock exporter is Healthy.\n");
                case "/" -> respond(exchange, 200, PLAIN, INDEX);
                default -> respond(exchange, 404, PLAIN, "Not found: " + path + "\n");
            }
        } finally {
            exchange.close();
        }
    }

    private Sample current() {
        return metrics.at(startSecond + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
