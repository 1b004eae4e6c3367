package dev.servicemetrics.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection in front of a real server: a loopback HTTP proxy that passes requests whose path starts with
 * {@code faultyPrefix} to the target, or holds each of them for a while first ({@link #delay(Duration)}), or
 * answers them 200 with a body that is not what the target would send ({@link #garbage()}), or 500
 * ({@link #serverError()}). Other paths always pass, so the target's own health endpoints stay truthful.
 */
public final class FaultyProxy implements AutoCloseable {

    static final String GARBAGE = "<!DOCTYPE html><html><body><h1>Gateway</h1>upstream said: \u0000\u00ff{\"status\":</body>";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private enum Mode { PASS, DELAY, GARBAGE, SERVER_ERROR }

    private final HttpServer server;
    private final ExecutorService handlers;
    private final URI target;
    private final String faultyPrefix;
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger delayed = new AtomicInteger();
    private volatile Mode mode = Mode.PASS;
    private volatile Duration delay = Duration.ZERO;

    private FaultyProxy(HttpServer server, ExecutorService handlers, URI target, String faultyPrefix) {
        this.server = server;
        this.handlers = handlers;
        this.target = target;
        this.faultyPrefix = faultyPrefix;
    }

    public static FaultyProxy to(URI target, String faultyPrefix) {
        return on(0, target, faultyPrefix);
    }

    /** As {@link #to}, on a given loopback port: for a service that was told the proxy's URL before it started. */
    public static FaultyProxy on(int port, URI target, String faultyPrefix) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService handlers = Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "faulty-proxy");
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(handlers);
            FaultyProxy proxy = new FaultyProxy(server, handlers, target, faultyPrefix);
            server.createContext("/", proxy::handle);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every faulty path is held for {@code duration} before it is passed on (or until {@link #pass()}). */
    public synchronized void delay(Duration duration) {
        delay = duration;
        mode = Mode.DELAY;
        notifyAll();
    }

    /** Every faulty path is answered 200 with HTML and bytes that are no JSON. */
    public synchronized void garbage() {
        mode = Mode.GARBAGE;
        notifyAll();
    }

    /** Every faulty path is answered 500 with a plain-text body, as a crashing handler or a gateway answers. */
    public synchronized void serverError() {
        mode = Mode.SERVER_ERROR;
        notifyAll();
    }

    /** Everything passes again; held requests go on at once. */
    public synchronized void pass() {
        mode = Mode.PASS;
        notifyAll();
    }

    /** Requests being held right now. */
    public int held() {
        return held.get();
    }

    /** Requests held so far, released or not. */
    public int delayed() {
        return delayed.get();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            boolean faulty = exchange.getRequestURI().getPath().startsWith(faultyPrefix);
            if (faulty && mode == Mode.GARBAGE) {
                respond(exchange, 200, "application/json", GARBAGE.getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (faulty && mode == Mode.SERVER_ERROR) {
                respond(exchange, 500, "text/plain", "injected fault".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (faulty && mode == Mode.DELAY) {
                hold();
            }
            forward(exchange, body);
        }
    }

    private void hold() {
        delayed.incrementAndGet();
        held.incrementAndGet();
        try {
            long deadline = System.nanoTime() + delay.toNanos();
            synchronized (this) {
                long left;
                while (mode == Mode.DELAY && (left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) > 0) {
                    wait(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            held.decrementAndGet();
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<byte[]> answer = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            respond(exchange, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse("text/plain"), answer.body());
        } catch (IOException unreachable) {
            respond(exchange, 502, "text/plain", unreachable.toString().getBytes(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) {
        try {
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException clientGone) {
            // the service gave up waiting (its read timeout): nobody to answer
        }
    }

    @Override
    public void close() {
        pass();
        server.stop(0);
        handlers.shutdownNow();
    }
}
