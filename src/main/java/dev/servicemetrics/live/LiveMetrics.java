package dev.servicemetrics.live;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/** The WebSocket fan-out's own MicroProfile metrics, scraped at /mpmetrics. */
@ApplicationScoped
public class LiveMetrics {

    @Inject
    MetricRegistry registry;

    private final AtomicInteger seedSessions = new AtomicInteger();
    private final AtomicInteger channelSessions = new AtomicInteger();
    private Counter sent;
    private Counter dropped;
    private Counter slowClosed;
    private Counter unansweredClosed;
    private Counter idleClosed;
    private Counter floodClosed;
    private Counter writeFailedClosed;
    private Counter refused;

    @PostConstruct
    void register() {
        Metadata sessions = Metadata.builder().withName("websocket.sessions").withDescription("Open WebSocket sessions, by endpoint").build();
        registry.gauge(sessions, seedSessions, AtomicInteger::get, new Tag("endpoint", "seed"));
        registry.gauge(sessions, channelSessions, AtomicInteger::get, new Tag("endpoint", "ws"));
        sent = registry.counter(Metadata.builder().withName("websocket.messages.sent")
                .withDescription("WebSocket messages written to clients").build());
        dropped = registry.counter(Metadata.builder().withName("websocket.messages.dropped")
                .withDescription("WebSocket messages not delivered because their client was too slow or gone").build());
        Metadata closedClients = Metadata.builder().withName("websocket.clients.closed")
                .withDescription("Clients the server closed, by reason").build();
        slowClosed = registry.counter(closedClients, new Tag("reason", "slow"));
        unansweredClosed = registry.counter(closedClients, new Tag("reason", "no_pong"));
        idleClosed = registry.counter(closedClients, new Tag("reason", "idle"));
        floodClosed = registry.counter(closedClients, new Tag("reason", "flood"));
        writeFailedClosed = registry.counter(closedClients, new Tag("reason", "write_failed"));
        refused = registry.counter(Metadata.builder().withName("websocket.connections.refused")
                .withDescription("WebSocket connections refused because the service or the client address held its most").build());
    }

    void idleClosed() {
        idleClosed.inc();
    }

    void floodClosed() {
        floodClosed.inc();
    }

    void writeFailedClosed() {
        writeFailedClosed.inc();
    }

    void refused() {
        refused.inc();
    }

    void opened(Dashboard.Kind kind) {
        (kind == Dashboard.Kind.SEED ? seedSessions : channelSessions).incrementAndGet();
    }

    void closed(Dashboard.Kind kind) {
        (kind == Dashboard.Kind.SEED ? seedSessions : channelSessions).decrementAndGet();
    }

    void sent() {
        sent.inc();
    }

    void dropped(int messages) {
        if (messages > 0) {
            dropped.inc(messages);
        }
    }

    void slowClientClosed() {
        slowClosed.inc();
    }

    void unansweredClientClosed() {
        unansweredClosed.inc();
    }
}
