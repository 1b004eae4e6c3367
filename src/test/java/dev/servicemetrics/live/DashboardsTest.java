package dev.servicemetrics.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.metrics.control.HistoryBook;
import dev.servicemetrics.metrics.control.SnapshotStore;
import dev.servicemetrics.metrics.entity.Snapshot;
import jakarta.websocket.CloseReason;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DashboardsTest {

    private static final Pattern TYPE = Pattern.compile("\"type\":\"(\\w+)\"");
    private static final Instant FIRST_CYCLE = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant NEXT_CYCLE = FIRST_CYCLE.plusSeconds(10);

    private final CountingLiveMetrics metrics = new CountingLiveMetrics();
    private final ManualExecutor background = new ManualExecutor();
    private final Dashboards dashboards = dashboards(background);

    @Test
    void aSlowClientIsClosedWith1013AndTheOthersGetEveryMessage() {
        FakeSession slow = new FakeSession("slow");
        FakeSession fast = new FakeSession("fast").completingInline();
        for (FakeSession session : List.of(slow, fast)) {
            dashboards.joinChannels(session);
            dashboards.subscribe(session, Channel.METRICS);
        }
        List<String> messages = IntStream.rangeClosed(0, Dashboard.BACKLOG + 1).mapToObj(i -> "{\"n\":" + i + "}").toList();
        messages.forEach(message -> dashboards.broadcast(Channel.METRICS, message));

        assertEquals(1, dashboards.size(), "the slow client left the registry at once");
        assertEquals(List.of(), slow.closes(), "closing may wait on the network: it runs on the background executor");
        background.runAll();
        assertEquals(List.of(CloseReason.CloseCodes.TRY_AGAIN_LATER), slow.closes().stream().map(CloseReason::getCloseCode).toList());
        assertEquals(List.of(), fast.closes());
        assertEquals(messages, fast.sent());
        assertEquals(1, metrics.slowClosed.get());
        assertEquals(1, metrics.open.get());
    }

    @Test
    void aNewClientGetsTheSnapshotThenTheHistoryThenTheUpdates() {
        dashboards.onSnapshot(snapshot(FIRST_CYCLE));
        FakeSession client = new FakeSession("new");
        dashboards.joinChannels(client);
        dashboards.subscribe(client, Channel.METRICS);
        dashboards.onSnapshot(snapshot(FIRST_CYCLE)); // the cycle it already has, delivered late
        dashboards.onSnapshot(snapshot(NEXT_CYCLE));
        client.completeAll();

        assertEquals(List.of("snapshot", "history", "update"), types(client.sent()));
        assertTrue(client.sent().get(0).contains("2025-01-01T00:00:00.000Z"), client.sent().get(0));
        assertTrue(client.sent().get(2).contains("2025-01-01T00:00:10.000Z"), client.sent().get(2));
    }

    /** A cycle that lands while a client subscribes never puts its update ahead of the snapshot and history. */
    @Test
    void aCycleRacingASubscriptionNeverOvertakesTheSnapshotAndHistory() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                Dashboards registry = dashboards(Runnable::run);
                registry.onSnapshot(snapshot(FIRST_CYCLE));
                FakeSession client = new FakeSession("c" + round).completingInline();
                registry.joinChannels(client);
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> subscribing = threads.submit(() -> {
                    together.await();
                    registry.subscribe(client, Channel.METRICS);
                    return null;
                });
                Future<?> publishing = threads.submit(() -> {
                    together.await();
                    registry.onSnapshot(snapshot(NEXT_CYCLE));
                    return null;
                });
                subscribing.get(30, TimeUnit.SECONDS);
                publishing.get(30, TimeUnit.SECONDS);

                List<String> types = types(client.sent());
                assertTrue(types.equals(List.of("snapshot", "history", "update")) || types.equals(List.of("snapshot", "history")),
                        "round " + round + ": " + types);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The container delivers each cycle's event on a thread of its own: when fanning a cycle out takes longer
     * than an interval (10,000 clients on 2 cores), the next cycle's fan-out runs beside it. It must not
     * overtake the slower one, or the clients it reaches first would never get the older cycle.
     */
    @Test
    void aCycleFannedOutWhileThePreviousOneStillIsReachesEveryClientAfterIt() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstCycleWriting = new CountDownLatch(1);
            CountDownLatch letFirstCycleGoOn = new CountDownLatch(1);
            AtomicBoolean blocked = new AtomicBoolean();
            List<FakeSession> clients = IntStream.range(0, 4).mapToObj(i -> new FakeSession("c" + i)
                    .onSend(text -> {
                        // the first write of the first cycle stalls its fan-out, as a slow write would
                        if (text.contains("2025-01-01T00:00:00.000Z") && blocked.compareAndSet(false, true)) {
                            firstCycleWriting.countDown();
                            await(letFirstCycleGoOn);
                        }
                    })).toList();
            for (FakeSession client : clients) {
                dashboards.joinChannels(client);
                dashboards.subscribe(client, Channel.METRICS);
            }
            Future<?> first = threads.submit(() -> dashboards.onSnapshot(snapshot(FIRST_CYCLE)));
            assertTrue(firstCycleWriting.await(30, TimeUnit.SECONDS));
            Thread next = new Thread(() -> dashboards.onSnapshot(snapshot(NEXT_CYCLE)));
            next.start();
            // the next cycle's fan-out either finished (it overtook the first) or waits for the first one
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((next.getState() == Thread.State.RUNNABLE || next.getState() == Thread.State.NEW) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            letFirstCycleGoOn.countDown();
            first.get(30, TimeUnit.SECONDS);
            next.join(TimeUnit.SECONDS.toMillis(30));
            clients.forEach(FakeSession::completeAll);

            for (FakeSession client : clients) {
                List<String> updates = client.sent().stream().filter(text -> text.contains("\"type\":\"update\"")).toList();
                assertEquals(2, updates.size(), client.getId() + " got " + updates);
                assertTrue(updates.get(0).contains("2025-01-01T00:00:00.000Z"), client.getId() + ": " + updates);
                assertTrue(updates.get(1).contains("2025-01-01T00:00:10.000Z"), client.getId() + ": " + updates);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** A cycle whose event comes after a newer one was fanned out is not sent (it would show older numbers) but counted. */
    @Test
    void aCycleOlderThanTheOneFannedOutIsCountedAsDroppedForEverySubscriber() {
        FakeSession client = new FakeSession("c").completingInline();
        dashboards.joinChannels(client);
        dashboards.subscribe(client, Channel.METRICS);
        dashboards.onSnapshot(snapshot(NEXT_CYCLE));
        dashboards.onSnapshot(snapshot(FIRST_CYCLE));

        assertEquals(List.of("update"), types(client.sent()));
        assertEquals(1, metrics.dropped.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aClientThatMissedAPongIsClosedAtTheNextPing() {
        FakeSession quiet = new FakeSession("quiet");
        FakeSession answering = new FakeSession("answering");
        dashboards.joinSeed(quiet);
        dashboards.joinSeed(answering);
        dashboards.ping();
        dashboards.ponged(answering);
        dashboards.ping();
        background.runAll();

        assertEquals(List.of(CloseReason.CloseCodes.GOING_AWAY), quiet.closes().stream().map(CloseReason::getCloseCode).toList());
        assertEquals(List.of(), answering.closes());
        assertEquals(1, dashboards.size());
    }

    @Test
    void everyWriteRunsWithThePlatformClassLoaderAsContextLoaderAndTheCallersIsRestored() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        try (URLClassLoader application = new URLClassLoader(new URL[0], caller)) {
            thread.setContextClassLoader(application);
            FakeSession session = new FakeSession("s").completingInline();
            dashboards.joinChannels(session);
            dashboards.subscribe(session, Channel.METRICS);
            dashboards.broadcast(Channel.METRICS, "{\"n\":1}");
            dashboards.ping();

            assertEquals(application, thread.getContextClassLoader(), "the caller's context class loader is back");
            assertEquals(1 + session.sent().size() + 1, session.writeLoaders().size(), "the idle timeout, every send, the ping");
            assertTrue(session.writeLoaders().stream().allMatch(loader -> loader == ClassLoader.getPlatformClassLoader()),
                    "Payara's Tyrus schedules a managed task at every write, whose context capture walks every jar of the "
                            + "context class loader: " + session.writeLoaders());
        } finally {
            thread.setContextClassLoader(caller);
        }
    }

    private Dashboards dashboards(Executor executor) {
        Dashboards registry = new Dashboards();
        registry.metrics = metrics;
        registry.configuration = new ServiceConfiguration() {
            @Override
            public Duration livePingInterval() {
                return Duration.ofSeconds(30);
            }

            @Override
            public int liveMaxConnections() {
                return 0;
            }

            @Override
            public int liveMaxConnectionsPerAddress() {
                return 0;
            }

            @Override
            public int liveMaxCommands() {
                return Dashboard.MAX_COMMANDS;
            }
        };
        registry.connections = new Connections();
        registry.connections.configuration = registry.configuration;
        registry.store = new SnapshotStore() {
            @Override
            public Optional<Snapshot> latest() {
                return Optional.empty();
            }

            @Override
            public boolean stale() {
                return false;
            }
        };
        registry.history = new HistoryBook() {
            @Override
            public Duration window() {
                return Duration.ofMinutes(15);
            }

            @Override
            public Duration step() {
                return Duration.ofSeconds(10);
            }
        };
        registry.use(executor, 1 << 20);
        return registry;
    }

    private static Snapshot snapshot(Instant at) {
        return new Snapshot(at, Duration.ofMillis(5), List.of(), List.of(), List.of());
    }

    private static List<String> types(List<String> messages) {
        return messages.stream().map(message -> {
            Matcher type = TYPE.matcher(message);
            return type.find() ? type.group(1) : message;
        }).toList();
    }
}
