package dev.servicemetrics.live;

import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Turns a storm of incident changes into a bounded number of messages: changes are collected per incident
 * for one window, keeping the latest state (highest {@code version}; async events arrive out of order) and
 * remembering a creation, then published as one {@code changes} envelope, serialized once for every client.
 * A window publishes at most {@code maxEntries} incidents; the rest wait for the next window, where they
 * keep coalescing. So a dashboard gets at most one incidents message per window, whatever the storm.
 */
final class IncidentCoalescer {

    private static final Logger LOG = Logger.getLogger(IncidentCoalescer.class.getName());

    private final Duration window;
    private final int maxEntries;
    private final BiConsumer<Runnable, Duration> timer;
    private final Clock clock;
    private final Consumer<String> publish;

    /** Changed incidents by id, in the order they first changed; guarded by {@code this}. */
    private final Map<JsonValue, Pending> pending = new LinkedHashMap<>();
    /** A flush is scheduled or running; guarded by {@code this}. At most one runs at a time. */
    private boolean flushing;

    private static final class Pending {
        JsonObject incident;
        boolean created;

        Pending(IncidentChange change) {
            this.incident = change.incident();
            this.created = IncidentChange.CREATED.equals(change.type());
        }

        void merge(IncidentChange change) {
            created |= IncidentChange.CREATED.equals(change.type());
            if (version(change.incident()) >= version(incident)) {
                incident = change.incident();
            }
        }

        JsonObject entry() {
            return JsonFactory.createObjectBuilder()
                    .add("change", created ? IncidentChange.CREATED : IncidentChange.UPDATED)
                    .add("incident", incident)
                    .build();
        }
    }

    /**
     * @param timer   runs a flush after the window, never on the thread that added the change
     * @param publish hands one serialized envelope to every subscribed dashboard
     */
    IncidentCoalescer(Duration window, int maxEntries, BiConsumer<Runnable, Duration> timer, Clock clock,
            Consumer<String> publish) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, not " + maxEntries);
        }
        this.window = window;
        this.maxEntries = maxEntries;
        this.timer = timer;
        this.clock = clock;
        this.publish = publish;
    }

    void add(IncidentChange change) {
        JsonValue id = change.incident().get("id");
        if (id == null || id == JsonValue.NULL) {
            LOG.warning(() -> "An incident change without an id is not published: " + change.incident());
            return;
        }
        boolean schedule;
        synchronized (this) {
            Pending known = pending.get(id);
            if (known == null) {
                pending.put(id, new Pending(change));
            } else {
                known.merge(change);
            }
            schedule = !flushing;
            flushing = true;
        }
        if (schedule) {
            timer.accept(this::flush, window);
        }
    }

    /** Publishes the window's changes; whatever changed meanwhile or did not fit waits for the next window. */
    void flush() {
        try {
            List<JsonObject> entries = take();
            if (!entries.isEmpty()) {
                JsonArrayBuilder changes = JsonFactory.createArrayBuilder();
                entries.forEach(changes::add);
                publish.accept(Envelope.of(Channel.INCIDENTS.wire(), "changes", clock.instant(),
                        JsonFactory.createObjectBuilder().add("changes", changes).build()));
            }
        } finally {
            boolean again;
            synchronized (this) {
                again = !pending.isEmpty();
                flushing = again;
            }
            if (again) {
                timer.accept(this::flush, window);
            }
        }
    }

    private synchronized List<JsonObject> take() {
        List<JsonObject> entries = new ArrayList<>(Math.min(pending.size(), maxEntries));
        Iterator<Pending> oldest = pending.values().iterator();
        while (entries.size() < maxEntries && oldest.hasNext()) {
            entries.add(oldest.next().entry());
            oldest.remove();
        }
        return entries;
    }

    synchronized int pending() {
        return pending.size();
    }

    private static long version(JsonObject incident) {
        JsonValue version = incident.get("version");
        return version instanceof JsonNumber number ? number.longValue() : Long.MIN_VALUE;
    }
}
