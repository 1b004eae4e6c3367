package dev.servicemetrics.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.mock.MockExporter;
import dev.servicemetrics.testsupport.Http;
import dev.servicemetrics.testsupport.Patience;
import dev.servicemetrics.testsupport.PrometheusProcess;
import dev.servicemetrics.testsupport.RunningService;
import dev.servicemetrics.testsupport.Server;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real WebSocket clients against the built service, fed by the mock exporter through Debian's Prometheus.
 * A stalled client is made by a raw socket that stops reading. Once on each server.
 */
@ParameterizedClass
@EnumSource(Server.class)
class LiveIT {

    static final Duration INTERVAL = Duration.ofSeconds(2);
    static final Duration PING = Duration.ofSeconds(5);
    /** The bound of every wait for a cycle or an answer. */
    static final Duration PATIENCE = Patience.ofIntervals(PING);
    static final List<String> SEED_KEYS = List.of("cpu_usage_seconds_total", "memory_usage_bytes", "disk_usage_percent",
            "http_requests_total", "request_duration_seconds");

    /** The server of this invocation; the static start gets it too. */
    @Parameter
    Server server;

    static MockExporter exporter;
    static PrometheusProcess prometheus;
    static RunningService service;

    @BeforeParameterizedClassInvocation
    static void start(Server server) throws Exception {
        server.assumeAvailable();
        exporter = MockExporter.start("127.0.0.1", 0, 7);
        prometheus = PrometheusProcess.scrapingMockExporter(exporter.uri());
        service = server.start("live-it", Map.of(
                "PROMETHEUS_URL", prometheus.uri().toString(),
                "SCRAPE_INTERVAL", String.valueOf(INTERVAL.toSeconds()),
                "LIVE_PING_INTERVAL", String.valueOf(PING.toSeconds()),
                "LIVE_MAX_CONNECTIONS_PER_ADDRESS", "0", // 500 clients from 127.0.0.1; the limits are LiveLimitsIT's
                "LIVE_MAX_COMMANDS", "10000"));          // the stalled client's 3,000 subscribes, to be slow, not a flood
        assertTrue(Http.eventually(PATIENCE, () -> service.http().get("/metrics").body().contains("request_duration_seconds_bucket")),
                "no snapshot within " + PATIENCE + "; see " + service.log());
    }

    @AfterParameterizedClassInvocation
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
        service = null;
        prometheus = null;
        exporter = null;
    }

    @Test
    void seedChannelSendsTheLatestAtOnceInTheSeedsShapeThenOnePerCycle() throws Exception {
        try (SocketClient client = SocketClient.connect(service.webSocketUri("/"), "http://localhost:3000")) {
            SocketClient.Received first = client.next(PATIENCE);
            JsonObject message = first.json();
            assertEquals(SEED_KEYS, List.copyOf(message.keySet()), "exactly the seed's keys, in its order: " + message);
            for (String key : SEED_KEYS.subList(0, 4)) {
                assertEquals(JsonValue.ValueType.NUMBER, message.get(key).getValueType(), key);
            }
            assertEquals(Set.of("0.1", "0.2", "0.5", "1"), message.getJsonObject("request_duration_seconds").keySet());
            SocketClient.Received second = client.next(PATIENCE);
            assertFalse(first.text().equals(second.text()), "the values move");
        }
    }

    @Test
    void channelSubscribeGivesSnapshotThenHistoryThenUpdates() throws Exception {
        try (SocketClient client = SocketClient.connect(service.webSocketUri("/ws"), null)) {
            client.send("{\"type\":\"subscribe\",\"channel\":\"metrics\"}");
            JsonObject snapshot = client.nextJson(PATIENCE);
            assertEquals("metrics", snapshot.getString("channel"));
            assertEquals("snapshot", snapshot.getString("type"));
            Instant.parse(snapshot.getString("timestamp"));
            JsonObject data = snapshot.getJsonObject("data");
            assertFalse(data.getBoolean("stale"));
            JsonObject memory = data.getJsonArray("series").stream().map(JsonValue::asJsonObject)
                    .filter(s -> s.getString("name").equals("memory_usage_bytes")).findFirst().orElseThrow();
            assertEquals("mock-metrics", memory.getJsonObject("labels").getString("job"));
            JsonObject history = client.nextJson(PATIENCE);
            assertEquals("history", history.getString("type"));
            assertTrue(history.getJsonObject("data").getJsonArray("series").size() >= 4, history.toString().substring(0, 300));
            JsonObject update = client.nextJson(PATIENCE);
            assertEquals("update", update.getString("type"));
            assertTrue(Instant.parse(update.getJsonObject("data").getString("timestamp"))
                    .isAfter(Instant.parse(data.getString("timestamp"))));

            client.send("{\"type\":\"unsubscribe\",\"channel\":\"metrics\"}");
            JsonObject unsubscribed = nextOfType(client, "unsubscribed");
            assertEquals("metrics", unsubscribed.getString("channel"));
        }
    }

    @Test
    void badCommandsGetAnErrorEnvelopeAndTheConnectionStays() throws Exception {
        try (SocketClient client = SocketClient.connect(service.webSocketUri("/ws"), null)) {
            for (String bad : List.of("not json", "[1,2]", "{\"type\":\"subscribe\",\"channel\":\"weather\"}",
                    "{\"type\":\"dance\"}", "{\"channel\":\"metrics\"}", "{\"type\":\"subscribe\"}")) {
                client.send(bad);
                JsonObject error = client.nextJson(PATIENCE);
                assertEquals("system", error.getString("channel"), bad);
                assertEquals("error", error.getString("type"), bad);
                assertFalse(error.getJsonObject("data").getString("message").isBlank());
            }
            client.send("{\"type\":\"ping\"}");
            assertEquals("pong", client.nextJson(PATIENCE).getString("type"));
            client.send("{\"type\":\"subscribe\",\"channel\":\"incidents\"}");
            JsonObject subscribed = client.nextJson(PATIENCE);
            assertEquals("incidents", subscribed.getString("channel"));
            assertEquals("subscribed", subscribed.getString("type"));
        }
    }

    @Test
    void oversizedAndBinaryMessagesCloseWithTheirCodes() throws Exception {
        try (SocketClient client = SocketClient.connect(service.webSocketUri("/ws"), null)) {
            client.send("{\"type\":\"ping\",\"padding\":\"" + "x".repeat(5000) + "\"}");
            assertEquals(1009, client.closed.get(5, TimeUnit.SECONDS), "message too big");
        }
        try (SocketClient client = SocketClient.connect(service.webSocketUri("/ws"), null)) {
            client.socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
            assertEquals(1003, client.closed.get(5, TimeUnit.SECONDS), "binary not accepted");
        }
    }

    @Test
    void foreignOriginsAreRefusedAtTheHandshakeAllowedAndAbsentOnesAccepted() {
        for (String path : List.of("/", "/ws")) {
            CompletionException refused = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                    () -> SocketClient.connect(service.webSocketUri(path), "http://evil.example"));
            WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
            assertEquals(403, handshake.getResponse().statusCode());
            SocketClient.connect(service.webSocketUri(path), "http://localhost:5173").close();
            SocketClient.connect(service.webSocketUri(path), null).close();
            SocketClient.connect(service.webSocketUri(path), "http://127.0.0.1:" + service.port()).close(); // same host
        }
    }

    @Test
    void fiveHundredClientsAllReceiveTheSameCycle() throws Exception {
        List<SocketClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                clients.add(SocketClient.connect(service.webSocketUri("/"), null));
            }
            List<String> firsts = new ArrayList<>();
            for (SocketClient client : clients) {
                firsts.add(client.next(PATIENCE).text()); // connected and served
            }
            // Only the first client forgets what it got: the cycle it gets next came after every client was served,
            // so each must get it too, and finds it among everything it received (clearing each queue in turn lost
            // that cycle for a client whose first message came late, while the cycle was already behind it).
            clients.get(0).messages.clear();
            SocketClient.Received fresh = clients.get(0).next(PATIENCE);
            // each client waits for that cycle itself; one shared bound, generous against a loaded machine
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            for (int i = 1; i < clients.size(); i++) {
                assertTrue(firsts.get(i).equals(fresh.text()) || receives(clients.get(i), fresh.text(), deadline),
                        "client " + i + " never got the cycle client 0 got");
            }
        } finally {
            clients.parallelStream().forEach(SocketClient::close);
        }
    }

    @Test
    void aClientWhoseBacklogOverflowsIsClosedAndTheOthersKeepReceivingEveryCycle() throws Exception {
        long closedBefore = clientsClosed("slow");
        try (SocketClient watcher = SocketClient.connect(service.webSocketUri("/ws"), null);
             SocketClient seed = SocketClient.connect(service.webSocketUri("/"), null)) {
            watcher.send("{\"type\":\"subscribe\",\"channel\":\"metrics\"}");
            // each subscribe queues a snapshot and the whole history again: a client that asks for them
            // and never reads fills the kernel's buffers, then its backlog
            String[] subscribes = new String[3000];
            java.util.Arrays.fill(subscribes, "{\"type\":\"subscribe\",\"channel\":\"metrics\"}");
            try (StalledClient stalled = new StalledClient(service.port(), "/ws", subscribes)) {
                JsonObject first = watcher.nextJson(PATIENCE);
                assertEquals("snapshot", first.getString("type"));
                long cyclesBefore = successfulCycles();
                List<Instant> cycles = new ArrayList<>();
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while ((clientsClosed("slow") == closedBefore || cycles.size() < 4) && System.nanoTime() < deadline) {
                    JsonObject envelope = watcher.nextJson(PATIENCE);
                    if (envelope.getString("type").equals("update")) {
                        cycles.add(Instant.parse(envelope.getJsonObject("data").getString("timestamp")));
                    }
                }
                assertEquals(closedBefore + 1, clientsClosed("slow"), "the stalled client was closed as slow");
                long cyclesAfter = successfulCycles();
                while (cycles.size() < cyclesAfter - cyclesBefore && System.nanoTime() < deadline + PATIENCE.toNanos()) {
                    JsonObject envelope = watcher.nextJson(PATIENCE);
                    if (envelope.getString("type").equals("update")) {
                        cycles.add(Instant.parse(envelope.getJsonObject("data").getString("timestamp")));
                    }
                }
                assertTrue(cycles.size() >= cyclesAfter - cyclesBefore,
                        "the watcher got every cycle the service completed meanwhile (" + (cyclesAfter - cyclesBefore) + "): " + cycles);
                for (int i = 1; i < cycles.size(); i++) {
                    assertTrue(cycles.get(i).isAfter(cycles.get(i - 1)), "one update per cycle, in order: " + cycles);
                }
                seed.messages.clear();
                seed.next(PATIENCE);
            }
        }
    }

    @Test
    void aPeerThatStopsAnsweringPingsIsClosed() throws Exception {
        try (StalledClient silent = new StalledClient(service.port(), "/")) {
            // one unanswered ping, then the next one closes it
            StalledClient.Close close = silent.awaitClose(PATIENCE);
            assertEquals(1001, close.code(), close.toString());
            assertTrue(close.reason().startsWith("no pong within " + PING.toSeconds() + " s"), close.toString());
        }
    }

    /** Whether the client receives {@code text} before {@code deadline} (System.nanoTime). */
    private static boolean receives(SocketClient client, String text, long deadline) throws InterruptedException {
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            SocketClient.Received message = client.messages.poll(left, TimeUnit.NANOSECONDS);
            if (message != null && message.text().equals(text)) {
                return true;
            }
        }
        return false;
    }

    private static JsonObject nextOfType(SocketClient client, String type) throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            JsonObject message = client.nextJson(PATIENCE);
            if (message.getString("type").equals(type)) {
                return message;
            }
        }
        throw new AssertionError("no " + type);
    }

    /** Cycles that produced a snapshot (complete or partial), as the service counts them. */
    private static long successfulCycles() {
        String own = service.http().get("/mpmetrics").body();
        Matcher count = Pattern.compile("scrape_cycles_total\\{[^}]*outcome=\"(complete|partial)\"[^}]*} ([0-9.]+)").matcher(own);
        long cycles = 0;
        while (count.find()) {
            cycles += (long) Double.parseDouble(count.group(2));
        }
        return cycles;
    }

    private static long clientsClosed(String reason) {
        String own = service.http().get("/mpmetrics").body();
        Matcher count = Pattern.compile("websocket_clients_closed_total\\{[^}]*reason=\"" + reason + "\"[^}]*} ([0-9.]+)").matcher(own);
        return count.find() ? (long) Double.parseDouble(count.group(1)) : 0;
    }
}
