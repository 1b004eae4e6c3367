package dev.servicemetrics.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.mock.MockExporter;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.PrometheusProcess;
import dev.servicemetrics.testsupport.RawWebSocket;
import dev.servicemetrics.testsupport.ServiceProcess;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket limits against the built service: connections per client address and in total (the handshake
 * answered 503), a /ws client without a subscription closed after LIVE_IDLE_TIMEOUT, a command flood answered
 * with an error and 1008 — while a subscribed client keeps getting its updates. Addresses other than
 * 127.0.0.1 are the loopback's own 127.0.0.2 and 127.0.0.3.
 */
class LiveLimitsIT {

    static final Duration INTERVAL = Duration.ofSeconds(2);
    static final int PER_ADDRESS = 3;
    static final int TOTAL = 5;

    static MockExporter exporter;
    static PrometheusProcess prometheus;
    static ServiceProcess service;

    @BeforeAll
    static void start() throws Exception {
        exporter = MockExporter.start("127.0.0.1", 0, 7);
        prometheus = PrometheusProcess.scrapingMockExporter(exporter.uri());
        service = ServiceProcess.builder("live-limits-it")
                .env("PROMETHEUS_URL", prometheus.uri().toString())
                .env("SCRAPE_INTERVAL", String.valueOf(INTERVAL.toSeconds()))
                .env("LIVE_MAX_CONNECTIONS_PER_ADDRESS", String.valueOf(PER_ADDRESS))
                .env("LIVE_MAX_CONNECTIONS", String.valueOf(TOTAL))
                .env("LIVE_IDLE_TIMEOUT", "3")
                .start();
        assertTrue(Http.eventually(Duration.ofSeconds(60), () -> service.http().get("/api/metrics").statusCode() == 200),
                "no snapshot within 60 s; see " + service.log());
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (exporter != null) {
            exporter.close();
        }
    }

    /** Every test ends with its clients closed; the server counts a connection until it has seen it go. */
    static void awaitNoConnections() {
        awaitSessions(0);
    }

    static void awaitSessions(int expected) {
        assertTrue(Http.eventually(Duration.ofSeconds(30), () -> sessions() == expected), "expected " + expected + " sessions, not " + sessions());
    }

    static long sessions() {
        return service.http().get("/mpmetrics").body().lines()
                .filter(line -> line.startsWith("websocket_sessions{"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void connectionsPastTheLimitsAreRefusedAtTheHandshakeAndFreedOnClose() throws Exception {
        awaitNoConnections();
        List<AutoCloseable> open = new ArrayList<>();
        try {
            for (int i = 0; i < PER_ADDRESS; i++) {
                open.add(subscribed(SocketClient.connect(service.webSocketUri(i % 2 == 0 ? "/ws" : "/"), null), i % 2 == 0));
            }
            awaitSessions(PER_ADDRESS); // a connection counts from its @OnOpen, a moment after the client saw 101
            CompletionException refused = assertThrows(CompletionException.class,
                    () -> SocketClient.connect(service.webSocketUri("/ws"), null));
            assertEquals(503, assertInstanceOf(WebSocketHandshakeException.class, refused.getCause()).getResponse().statusCode(),
                    "a fourth connection from 127.0.0.1");
            assertEquals(101, handshake("127.0.0.2", open), "another address still gets in");
            assertEquals(101, handshake("127.0.0.2", open));
            awaitSessions(TOTAL);
            assertEquals(503, handshake("127.0.0.3", open), "the sixth connection in total");
            assertTrue(service.http().get("/mpmetrics").body().contains("websocket_connections_refused_total"), "counted");

            ((SocketClient) open.remove(0)).close();
            awaitSessions(TOTAL - 1);
            try (SocketClient again = SocketClient.connect(service.webSocketUri("/ws"), null)) {
                again.send("{\"type\":\"subscribe\",\"channel\":\"incidents\"}");
                assertEquals("subscribed", again.nextJson(Duration.ofSeconds(10)).getString("type"), "a closed connection frees its place");
            }
        } finally {
            for (AutoCloseable client : open) {
                client.close();
            }
        }
        awaitNoConnections();
    }

    @Test
    void aChannelClientWithoutASubscriptionIsClosedAfterTheIdleTimeoutAndOthersStay() throws Exception {
        awaitNoConnections();
        try (SocketClient idle = SocketClient.connect(service.webSocketUri("/ws"), null);
                SocketClient watching = SocketClient.connect(service.webSocketUri("/ws"), null)) {
            watching.send("{\"type\":\"subscribe\",\"channel\":\"metrics\"}");
            assertEquals(1008, idle.awaitClose(Duration.ofSeconds(60)), "no subscription within LIVE_IDLE_TIMEOUT");
            assertUpdatesKeepComing(watching);
        }
        awaitNoConnections();
    }

    @Test
    void aCommandFloodGetsAnErrorThenA1008AndOthersAreUnaffected() throws Exception {
        awaitNoConnections();
        try (SocketClient flooding = SocketClient.connect(service.webSocketUri("/ws"), null);
                SocketClient watching = SocketClient.connect(service.webSocketUri("/ws"), null)) {
            watching.send("{\"type\":\"subscribe\",\"channel\":\"metrics\"}");
            // each command waits for its answer, so that the server's backlog never fills (that closes with 1013)
            for (int i = 0; i < 200 && !flooding.closed.isDone(); i++) {
                try {
                    flooding.send("{\"type\":\"subscribe\",\"channel\":\"incidents\"}");
                } catch (CompletionException closedMeanwhile) {
                    break;
                }
                SocketClient.Received answer = flooding.messages.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                if (answer != null && "error".equals(answer.json().getString("type"))) {
                    flooding.messages.add(answer);
                    break;
                }
            }
            assertEquals(1008, flooding.awaitClose(Duration.ofSeconds(30)));
            boolean told = flooding.messages.stream().map(SocketClient.Received::json)
                    .anyMatch(m -> "error".equals(m.getString("type")) && m.getJsonObject("data").getString("message").contains("more than 30 commands"));
            assertTrue(told, "an error envelope says why before the close: " + flooding.messages);
            assertUpdatesKeepComing(watching);
        }
        awaitNoConnections();
    }

    private static void assertUpdatesKeepComing(SocketClient watching) throws InterruptedException {
        int updates = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (updates < 2 && System.nanoTime() < deadline) {
            JsonObject message = watching.nextJson(Duration.ofSeconds(30));
            if ("update".equals(message.getString("type"))) {
                updates++;
            }
        }
        assertEquals(2, updates, "the subscribed client keeps getting updates");
        assertTrue(!watching.closed.isDone(), "and stays connected");
    }

    private static SocketClient subscribed(SocketClient client, boolean channels) {
        if (channels) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"incidents\"}");
        }
        return client;
    }

    /** A handshake from {@code local} (a loopback address); an accepted connection is kept open in {@code open}. */
    private static int handshake(String local, List<AutoCloseable> open) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", service.port()), 5_000);
        socket.setSoTimeout(20_000);
        int code = RawWebSocket.status(RawWebSocket.handshake(socket, service.port(), "/ws"));
        if (code == 101) {
            OutputStream out = socket.getOutputStream();
            out.write(RawWebSocket.maskedTextFrame("{\"type\":\"subscribe\",\"channel\":\"incidents\"}"));
            out.flush();
            open.add(socket);
        } else {
            socket.close();
        }
        return code;
    }
}
