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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A healthy Alertmanager's API in miniature, on a free loopback port, that logs its requests: {@code /-/ready}
 * answers 200, {@code /api/v2/alerts/groups} the groups the test last set ({@code []} at first) and every
 * other path {@code []}. Counts requests by path, so a test can tell which service instance asked how often
 * (give each instance its own). {@link #close()} takes it away: then it is down, as a stopped Alertmanager.
 * {@link #fail(Fault)} injects a fault into every answer until {@code fail(Fault.NONE)}: up but failing.
 */
public final class FakeAlertmanager implements AutoCloseable {

    /** What every request gets instead of the healthy answer. */
    public enum Fault {
        NONE,
        /** HTTP 500 with a plain-text body, as a proxy or a crashing handler answers. */
        SERVER_ERROR,
        /** 200 with a body that is not JSON, as a captive portal or a misrouted proxy answers. */
        GARBAGE,
        /** No answer while the fault lasts (at most a minute), the connection held open; then the answer of the next fault. */
        HANG
    }

    static final String GARBAGE_BODY = "<html><body>302 Found: <a href=\"/login\">sign in</a></body></html>";
    private static final long HANG_MILLIS = 60_000;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile String groups = "[]";
    private volatile Fault fault = Fault.NONE;

    private FakeAlertmanager(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    public static FakeAlertmanager start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // a thread per request: a held request must not hold up the others
            ExecutorService handlers = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "fake-alertmanager");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(handlers);
            FakeAlertmanager fake = new FakeAlertmanager(server, handlers);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                fake.requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                if (fake.fault == Fault.HANG) {
                    // held until the fault changes; then answered as the fault now says (a late answer, not a cut one)
                    fake.holdWhileHanging();
                }
                Fault injected = fake.fault;
                if (injected == Fault.HANG) {
                    exchange.close();
                    return;
                }
                if (injected != Fault.NONE) {
                    boolean error = injected == Fault.SERVER_ERROR;
                    byte[] body = (error ? "injected fault" : GARBAGE_BODY).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", error ? "text/plain" : "application/json");
                    exchange.sendResponseHeaders(error ? 500 : 200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                    return;
                }
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

    /** Every request from now on gets {@code injected} ({@link Fault#NONE}: healthy again, held requests let go). */
    public void fail(Fault injected) {
        synchronized (this) {
            fault = injected;
            notifyAll();
        }
    }

    private void holdWhileHanging() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANG_MILLIS);
        synchronized (this) {
            long left;
            while (fault == Fault.HANG && (left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) > 0) {
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
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
        fail(Fault.NONE);
        server.stop(0);
        handlers.shutdownNow();
    }
}
