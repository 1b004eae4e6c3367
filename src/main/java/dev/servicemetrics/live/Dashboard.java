package dev.servicemetrics.live;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * One connected client and its outgoing messages. One message is in flight at a time (the WebSocket API
 * forbids overlapping sends on one session); the others wait in a small backlog. A client whose backlog is
 * full reads too slowly to keep up: rather than buffering without bound or slowing everyone, it is closed
 * with 1013 (try again later) and counted.
 */
final class Dashboard {

    /** Messages waiting behind the one in flight: a few cycles' worth. */
    static final int BACKLOG = 8;

    /** Commands a /ws client may send within {@link #COMMAND_WINDOW} by default (LIVE_MAX_COMMANDS): a dashboard sends a handful when it connects. */
    static final int MAX_COMMANDS = 30;
    static final Duration COMMAND_WINDOW = Duration.ofSeconds(10);

    enum Kind { SEED, CHANNELS }

    private final Session session;
    private final String address;
    private final int maxCommands;
    private final Kind kind;
    private final LiveMetrics metrics;
    private final BiConsumer<Dashboard, CloseReason> closer;
    private final SendBudget budget;
    private final ArrayDeque<String> backlog = new ArrayDeque<>(BACKLOG);
    private final Set<Channel> subscriptions = EnumSet.noneOf(Channel.class);
    private boolean sending;
    private boolean closed;
    private Instant lastSnapshot;
    /** Set when the client is to be closed once its last message is written. */
    private CloseReason finishing;
    /** Since when a /ws client has had no subscription (null while it has one). */
    private Instant idleSince;
    private Instant commandWindowStart;
    private int commands;
    private volatile boolean awaitingPong;
    private final AtomicLong inFlight = new AtomicLong();

    Dashboard(Session session, String address, Instant opened, int maxCommands, Kind kind, LiveMetrics metrics, SendBudget budget,
            BiConsumer<Dashboard, CloseReason> closer) {
        this.session = session;
        this.address = address;
        this.maxCommands = maxCommands;
        this.idleSince = kind == Kind.CHANNELS ? opened : null;
        this.budget = budget;
        this.kind = kind;
        this.metrics = metrics;
        this.closer = closer;
    }

    Session session() {
        return session;
    }

    Kind kind() {
        return kind;
    }

    /** The client's address, or null when the container did not say (see {@link HandshakeLimitFilter}). */
    String address() {
        return address;
    }

    /** True when this client has had no subscription since before {@code deadline}. */
    synchronized boolean idleSince(Instant deadline) {
        return idleSince != null && idleSince.isBefore(deadline);
    }

    /** Counts one command; false when the client sent more than its most within the window. */
    synchronized boolean command(Instant now) {
        if (commandWindowStart == null || !now.isBefore(commandWindowStart.plus(COMMAND_WINDOW))) {
            commandWindowStart = now;
            commands = 0;
        }
        return ++commands <= maxCommands;
    }

    synchronized boolean subscribed(Channel channel) {
        return subscriptions.contains(channel);
    }

    /**
     * Subscribes and queues the messages that must come first (snapshot and history for metrics), in one
     * step, so that no update of a newer cycle slips in between or ahead of them.
     */
    void subscribe(Channel channel, Instant snapshotTime, String... first) {
        Next next = new Next();
        synchronized (this) {
            subscriptions.add(channel);
            idleSince = null;
            for (String message : first) {
                queue(message, next);
            }
            if (snapshotTime != null && (lastSnapshot == null || snapshotTime.isAfter(lastSnapshot))) {
                lastSnapshot = snapshotTime;
            }
        }
        next.run();
    }

    synchronized boolean unsubscribe(Channel channel) {
        boolean removed = subscriptions.remove(channel);
        if (subscriptions.isEmpty() && idleSince == null) {
            idleSince = Instant.now();
        }
        return removed;
    }

    /** Sends one cycle's message unless this client already has that cycle (it may just have connected). */
    void offerSnapshot(Instant snapshotTime, String message) {
        Next next = new Next();
        synchronized (this) {
            if (lastSnapshot != null && !snapshotTime.isAfter(lastSnapshot)) {
                return;
            }
            lastSnapshot = snapshotTime;
            queue(message, next);
        }
        next.run();
    }

    void offer(String message) {
        Next next = new Next();
        synchronized (this) {
            queue(message, next);
        }
        next.run();
    }

    /**
     * What the lock decided and what runs after it is released: a write, whose completion may run inline
     * and wake other clients' writes, or a close, which takes the registry's locks. Neither may run under
     * this client's lock, or two clients' threads could each wait for the other's.
     */
    private final class Next {
        private String send;
        private int overflowed;

        void run() {
            if (overflowed > 0) {
                overflow(overflowed);
            } else if (send != null) {
                send(send);
            }
        }
    }

    /** Under the lock: the message goes now (nothing in flight), behind the others, or overflows the backlog. */
    private void queue(String message, Next next) {
        if (closed || finishing != null) {
            return;
        }
        if (!sending) {
            sending = true;
            next.send = message;
        } else if (backlog.size() < BACKLOG) {
            backlog.addLast(message);
        } else {
            next.overflowed = backlog.size() + 1 + (next.send == null ? 0 : 1);
            next.send = null;
            backlog.clear();
            closed = true;
        }
    }

    private void send(String message) {
        if (closed()) {
            return;
        }
        if (!budget.take(message.length(), () -> send(message))) {
            return; // sent when other clients' writes free some of the budget
        }
        inFlight.set(message.length());
        try {
            PlatformLoaderWrites.run(() -> session.getAsyncRemote().sendText(message, this::sent));
        } catch (RuntimeException failed) {
            writeFailed(failed);
        }
    }

    /** The container's callback: the message is written; send the next one if any. */
    private void sent(SendResult result) {
        if (!result.isOK()) {
            writeFailed(result.getException());
            return;
        }
        budget.release(inFlight.getAndSet(0));
        metrics.sent();
        String next;
        CloseReason finished = null;
        synchronized (this) {
            next = closed ? null : backlog.pollFirst();
            if (next == null) {
                sending = false;
                if (finishing != null && !closed) {
                    closed = true;
                    finished = finishing;
                }
            }
        }
        if (finished != null) {
            closer.accept(this, finished);
        } else if (next != null) {
            send(next);
        }
    }

    /**
     * Sends {@code last} after what is already waiting, takes nothing more, and closes the client with
     * {@code reason} once it is written: the client learns why before the close.
     */
    void finish(String last, CloseReason reason) {
        synchronized (this) {
            if (closed || finishing != null) {
                return;
            }
            finishing = reason;
            if (sending) {
                if (backlog.size() >= BACKLOG) {
                    backlog.pollLast();
                }
                backlog.addLast(last);
                return;
            }
            sending = true;
        }
        send(last);
    }

    /** After the lock: the backlog was full, the client is already marked closed. */
    private void overflow(int dropped) {
        metrics.dropped(dropped);
        metrics.slowClientClosed();
        closer.accept(this, new CloseReason(CloseReason.CloseCodes.TRY_AGAIN_LATER,
                "too slow: " + BACKLOG + " messages waiting; reconnect"));
    }

    /** Gives back the budget of a message the container may never report on (the client is gone). */
    void abandon() {
        budget.release(inFlight.getAndSet(0));
    }

    /**
     * A write failed: the message in flight and the ones waiting are lost for this client, and so would be
     * every later one, since nothing more is written to it. So it is closed (1011) and counted, never left
     * open without updates; if the container already saw the connection go, the close finds it gone.
     */
    private void writeFailed(Throwable cause) {
        abandon();
        int dropped;
        boolean wasOpen;
        synchronized (this) {
            dropped = backlog.size() + 1;
            backlog.clear();
            wasOpen = !closed;
            closed = true;
            sending = false;
        }
        metrics.dropped(dropped);
        if (wasOpen) {
            metrics.writeFailedClosed();
            closer.accept(this, new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION,
                    "a write failed" + (cause == null ? "" : ": " + cause.getClass().getSimpleName()) + "; reconnect"));
        }
    }

    synchronized boolean closed() {
        return closed;
    }

    /** Marks a ping sent; true when the previous one was never answered. */
    boolean pingUnanswered() {
        boolean unanswered = awaitingPong;
        awaitingPong = true;
        return unanswered;
    }

    void ponged() {
        awaitingPong = false;
    }
}
