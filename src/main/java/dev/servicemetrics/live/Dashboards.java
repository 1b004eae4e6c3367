package dev.servicemetrics.live;

import dev.servicemetrics.Timestamps;
import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.metrics.control.HistoryBook;
import dev.servicemetrics.metrics.control.HistoryRequest;
import dev.servicemetrics.metrics.control.SnapshotJson;
import dev.servicemetrics.metrics.control.SnapshotStore;
import dev.servicemetrics.metrics.entity.CycleFailed;
import dev.servicemetrics.metrics.entity.Snapshot;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import dev.servicemetrics.JsonFactory;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The connected dashboards (both endpoints) and the fan-out to them. Each cycle's messages are serialized
 * once and handed to every client's own backlog, so the thread that delivers the event never waits on a
 * socket. Sessions live here, not in the endpoints, because the container may create an endpoint instance
 * per connection.
 */
@ApplicationScoped
public class Dashboards {

    private static final Logger LOG = Logger.getLogger(Dashboards.class.getName());

    @Inject
    SnapshotStore store;

    @Inject
    HistoryBook history;

    @Inject
    LiveMetrics metrics;

    @Inject
    Connections connections;

    @Inject
    ServiceConfiguration configuration;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Bytes being written to all clients at once; see {@link SendBudget}. */
    static final long SEND_BUDGET_BYTES = 32L * 1024 * 1024;

    private final Map<String, Dashboard> dashboards = new ConcurrentHashMap<>();
    /** Held while a cycle is fanned out; see {@link #onSnapshot}. */
    private final ReentrantLock fanOut = new ReentrantLock(true);
    /** The newest cycle fanned out (guarded by {@link #fanOut}). */
    private Instant fannedOut;
    private SendBudget budget;
    private Executor background;
    private volatile Published published;
    private volatile boolean staleAnnounced;
    private ScheduledFuture<?> pings;
    private ScheduledFuture<?> idleSweep;

    /**
     * One cycle's messages, serialized once for every client: the seed message and the update at once, the
     * snapshot and history envelopes (only subscribers need them) on first use.
     */
    private final class Published {
        final Snapshot snapshot;
        final String seed;
        final String update;
        private String snapshotEnvelope;
        private String history;

        Published(Snapshot snapshot) {
            this.snapshot = snapshot;
            this.seed = SeedMessage.of(snapshot);
            this.update = metricsEnvelope("update", snapshot, false);
        }

        Snapshot snapshot() {
            return snapshot;
        }

        String seed() {
            return seed;
        }

        String update() {
            return update;
        }

        synchronized String snapshotEnvelope() {
            if (snapshotEnvelope == null) {
                snapshotEnvelope = metricsEnvelope("snapshot", snapshot, false);
            }
            return snapshotEnvelope;
        }

        synchronized String history() {
            if (history == null) {
                history = historyEnvelope(snapshot);
            }
            return history;
        }
    }

    @PostConstruct
    void start() {
        use(executor, SEND_BUDGET_BYTES);
        long seconds = configuration.livePingInterval().toSeconds();
        pings = scheduler.scheduleAtFixedRate(this::ping, seconds, seconds, TimeUnit.SECONDS);
        long sweep = Math.max(1, configuration.liveIdleTimeout().toSeconds() / 4);
        idleSweep = scheduler.scheduleAtFixedRate(this::closeIdle, sweep, sweep, TimeUnit.SECONDS);
    }

    /** Where closes and the budget's wake-ups run, and the budget: the container's in production, a test's own in a unit test. */
    void use(Executor background, long budgetBytes) {
        this.background = background;
        this.budget = new SendBudget(budgetBytes, background);
    }

    /** A stopping server says so (1001), and the clients reconnect, through the load balancer, to another replica. */
    @PreDestroy
    void stop() {
        if (pings != null) {
            pings.cancel(false);
        }
        if (idleSweep != null) {
            idleSweep.cancel(false);
        }
        CloseReason stopping = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server stopping");
        for (Dashboard dashboard : dashboards.values()) {
            dashboard.abandon();
            try {
                dashboard.session().close(stopping);
            } catch (IOException | RuntimeException alreadyGone) {
                LOG.fine(() -> "Client " + dashboard.session().getId() + " was already gone: " + alreadyGone);
            }
        }
        dashboards.clear();
    }

    void joinSeed(Session session) {
        join(session, Dashboard.Kind.SEED)
                .ifPresent(dashboard -> latest().ifPresent(now -> dashboard.offerSnapshot(now.snapshot().timestamp(), now.seed())));
    }

    void joinChannels(Session session) {
        join(session, Dashboard.Kind.CHANNELS);
    }

    /**
     * Registers a client within the connection limits; one past them (handshakes that raced past
     * {@link HandshakeLimitFilter} together) is closed at once with 1013.
     */
    private Optional<Dashboard> join(Session session, Dashboard.Kind kind) {
        PlatformLoaderWrites.run(() -> session.setMaxIdleTimeout(0)); // liveness is checked with pings instead
        String address = peer(session);
        Optional<String> refusal = connections.open(address);
        if (refusal.isPresent()) {
            metrics.refused();
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER, truncate("Refused: " + refusal.get())));
            } catch (IOException | RuntimeException alreadyGone) {
                LOG.fine(() -> "Client " + session.getId() + " was already gone: " + alreadyGone);
            }
            return Optional.empty();
        }
        Dashboard dashboard = new Dashboard(session, address, Instant.now(), configuration.liveMaxCommands(), kind, metrics, budget, this::close);
        dashboards.put(session.getId(), dashboard);
        metrics.opened(kind);
        return Optional.of(dashboard);
    }

    private static String peer(Session session) {
        var values = session.getRequestParameterMap().get(HandshakeLimitFilter.PEER);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A close reason travels in a control frame: at most 123 bytes. */
    private static String truncate(String reason) {
        return reason.length() <= 120 ? reason : reason.substring(0, 119) + "…";
    }

    void leave(Session session) {
        Dashboard dashboard = dashboards.remove(session.getId());
        if (dashboard != null) {
            metrics.closed(dashboard.kind());
            connections.closed(dashboard.address());
            dashboard.abandon();
        }
    }

    /**
     * Counts a /ws command; a client past LIVE_MAX_COMMANDS within {@link Dashboard#COMMAND_WINDOW}
     * gets an error envelope and is closed with 1008. False when the command is not to be answered.
     */
    boolean command(Session session) {
        Dashboard dashboard = dashboards.get(session.getId());
        if (dashboard == null) {
            return false;
        }
        if (dashboard.command(Instant.now())) {
            return true;
        }
        metrics.floodClosed();
        String limit = "more than " + configuration.liveMaxCommands() + " commands within " + Dashboard.COMMAND_WINDOW.toSeconds() + " s";
        dashboard.finish(Envelope.error(limit + "; closing"), new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, limit));
        return false;
    }

    /** A /ws client that stayed without a subscription for LIVE_IDLE_TIMEOUT holds a connection for nothing. */
    private void closeIdle() {
        Instant deadline = Instant.now().minus(configuration.liveIdleTimeout());
        for (Dashboard dashboard : dashboards.values()) {
            if (dashboard.kind() == Dashboard.Kind.CHANNELS && dashboard.idleSince(deadline)) {
                metrics.idleClosed();
                close(dashboard, new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
                        "no subscription within " + configuration.liveIdleTimeout().toSeconds() + " s"));
            }
        }
    }

    void subscribe(Session session, Channel channel) {
        Dashboard dashboard = dashboards.get(session.getId());
        if (dashboard == null) {
            return;
        }
        if (channel == Channel.INCIDENTS) {
            dashboard.subscribe(channel, null, Envelope.of(channel.wire(), "subscribed", JsonFactory.createObjectBuilder()));
            return;
        }
        Optional<Published> now = latest();
        if (now.isEmpty()) {
            dashboard.subscribe(channel, null);
            return;
        }
        Published current = now.get();
        String snapshot = store.stale() ? metricsEnvelope("snapshot", current.snapshot(), true) : current.snapshotEnvelope();
        dashboard.subscribe(channel, current.snapshot().timestamp(), snapshot, current.history());
    }

    void unsubscribe(Session session, Channel channel) {
        Dashboard dashboard = dashboards.get(session.getId());
        if (dashboard != null) {
            dashboard.unsubscribe(channel);
            dashboard.offer(Envelope.of(channel.wire(), "unsubscribed", JsonFactory.createObjectBuilder()));
        }
    }

    void reply(Session session, String message) {
        Dashboard dashboard = dashboards.get(session.getId());
        if (dashboard != null) {
            dashboard.offer(message);
        }
    }

    void ponged(Session session) {
        Dashboard dashboard = dashboards.get(session.getId());
        if (dashboard != null) {
            dashboard.ponged();
        }
    }

    /**
     * Fans a cycle out to every client, one cycle at a time and in order. The container delivers each
     * cycle's event on a thread of its own, and handing a cycle to 10,000 clients can take longer than an
     * interval: two fan-outs side by side would race client by client, and a client that the newer cycle
     * reached first would never get the older one ({@link Dashboard#offerSnapshot} sends no cycle older than
     * what the client has). So the next cycle waits for the previous one's fan-out (a fair lock: in turn).
     * An event older than a cycle already fanned out (its thread was held back for a whole interval) is not
     * sent, since it would show older numbers after newer ones: it is logged and counted as dropped for each
     * client that does not get it.
     */
    void onSnapshot(@ObservesAsync Snapshot snapshot) {
        long arrived = System.nanoTime();
        boolean busy = fanOut.isLocked(); // for the log only (tryLock would barge past a waiting older cycle)
        fanOut.lock();
        if (busy) {
            long waited = (System.nanoTime() - arrived) / 1_000_000;
            LOG.info(() -> "The cycle of " + snapshot.timestamp() + " waited " + waited
                    + " ms for the previous cycle's fan-out to end (handing a cycle to every client took longer than an interval)");
        }
        try {
            if (fannedOut != null && !snapshot.timestamp().isAfter(fannedOut)) {
                if (snapshot.timestamp().isBefore(fannedOut)) {
                    superseded(snapshot);
                }
                return; // an equal one: delivered twice, every client already has it
            }
            fannedOut = snapshot.timestamp();
            Published current = publish(snapshot);
            staleAnnounced = false;
            for (Dashboard dashboard : dashboards.values()) {
                if (getsCycles(dashboard)) {
                    dashboard.offerSnapshot(snapshot.timestamp(),
                            dashboard.kind() == Dashboard.Kind.SEED ? current.seed() : current.update());
                }
            }
        } finally {
            fanOut.unlock();
        }
    }

    private void superseded(Snapshot snapshot) {
        int clients = (int) dashboards.values().stream().filter(Dashboards::getsCycles).count();
        metrics.dropped(clients);
        LOG.warning(() -> "The cycle of " + snapshot.timestamp() + " arrived after the newer one of " + fannedOut
                + " was fanned out: not sent (" + clients + " clients have newer numbers), counted as dropped");
    }

    /** Seed clients get every cycle; /ws clients once subscribed to metrics. */
    private static boolean getsCycles(Dashboard dashboard) {
        return dashboard.kind() == Dashboard.Kind.SEED || dashboard.subscribed(Channel.METRICS);
    }

    /** Dashboards learn once that the numbers they show stopped moving, and why. */
    void onCycleFailed(@ObservesAsync CycleFailed failure) {
        if (staleAnnounced) {
            return;
        }
        staleAnnounced = true;
        var data = JsonFactory.createObjectBuilder()
                .add("reason", failure.reason().tag())
                .add("detail", failure.detail())
                .add("failedAt", Timestamps.iso(failure.at()));
        store.latest().ifPresent(snapshot -> data.add("lastSuccess", Timestamps.iso(snapshot.timestamp())));
        broadcast(Channel.METRICS, Envelope.of(Channel.METRICS.wire(), "stale", data));
    }

    /** One message, serialized once, to every /ws client subscribed to {@code channel}. */
    void broadcast(Channel channel, String message) {
        for (Dashboard dashboard : dashboards.values()) {
            if (dashboard.kind() == Dashboard.Kind.CHANNELS && dashboard.subscribed(channel)) {
                dashboard.offer(message);
            }
        }
    }

    private synchronized Published publish(Snapshot snapshot) {
        Published current = published;
        if (current != null && current.snapshot().timestamp().isAfter(snapshot.timestamp())) {
            return current;
        }
        published = new Published(snapshot);
        return published;
    }

    /** The latest cycle's messages; right after a start the store may know a snapshot this registry has not seen yet. */
    private Optional<Published> latest() {
        Published current = published;
        if (current != null) {
            return Optional.of(current);
        }
        return store.latest().map(this::publish);
    }

    private static String metricsEnvelope(String type, Snapshot snapshot, boolean stale) {
        return Envelope.of(Channel.METRICS.wire(), type, SnapshotJson.snapshot(snapshot, stale));
    }

    private String historyEnvelope(Snapshot snapshot) {
        return Envelope.of(Channel.METRICS.wire(), "history", JsonFactory.createObjectBuilder()
                .add("window", HistoryRequest.format(history.window()))
                .add("step", HistoryRequest.format(history.step()))
                .add("series", SnapshotJson.history(snapshot.history())));
    }

    /** Closing may wait on the network, so it never runs on the thread that fans a cycle out. */
    private void close(Dashboard dashboard, CloseReason reason) {
        if (dashboards.remove(dashboard.session().getId(), dashboard)) {
            metrics.closed(dashboard.kind());
            connections.closed(dashboard.address());
        }
        dashboard.abandon();
        LOG.info(() -> "Closing WebSocket client " + dashboard.session().getId() + ": " + reason.getReasonPhrase());
        background.execute(() -> {
            try {
                dashboard.session().close(reason);
            } catch (IOException | RuntimeException alreadyGone) {
                LOG.fine(() -> "Client " + dashboard.session().getId() + " was already gone: " + alreadyGone);
            }
        });
    }

    /** Pings every client; one that did not answer the previous ping is closed. */
    void ping() {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {'s', 'm'});
        for (Dashboard dashboard : dashboards.values()) {
            if (dashboard.pingUnanswered()) {
                metrics.unansweredClientClosed();
                close(dashboard, new CloseReason(CloseReason.CloseCodes.GOING_AWAY,
                        "no pong within " + configuration.livePingInterval().toSeconds() + " s"));
                continue;
            }
            try {
                PlatformLoaderWrites.run(() -> dashboard.session().getAsyncRemote().sendPing(payload.duplicate()));
            } catch (IOException | RuntimeException failed) {
                close(dashboard, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "ping failed"));
            }
        }
    }

    int size() {
        return dashboards.size();
    }
}
