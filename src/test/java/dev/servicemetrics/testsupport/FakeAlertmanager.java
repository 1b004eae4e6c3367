package dev.servicemetrics.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A healthy Alertmanager's API in miniature, on a free loopback port, that logs its requests: {@code /-/ready}
 * answers 200, {@code /api/v2/alerts/groups} the groups the test last set ({@code []} at first) and every
 * other path {@code []}. Counts requests by path, so a test can tell which service instance asked how often
 * (give each instance its own). {@link #close()} takes it away: then it is down, as a stopped Alertmanager.
 */
public final class FakeAlertmanager implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile String groups = "[]";

    private FakeAlertmanager(HttpServer server) {
        this.server = server;
    }

    public static FakeAlertmanager start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeAlertmanager fake = new FakeAlertmanager(server);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                fake.requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                boolean ready = path.equals("/-/ready") || path.equals("/-/healthy");
                byte[] body = (ready ? "OK" : path.equals("/api/v2/alerts/groups") ? fake.groups : "[]")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", ready ? "text/plain" : "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code /api/v2/alerts/groups} answers from now on: a JSON array of groups, as Alertmanager's API writes it. */
    public void holdGroups(String groupsJson) {
        this.groups = groupsJson;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
