package dev.servicemetrics.incidents.control;

import dev.servicemetrics.incidents.entity.RenderedIncident;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The list items written lately, by incident id, each at the version it was written from. Every change of an
 * incident (status, counters, title, labels) bumps its version in the same transaction, so an item kept for the
 * version a page reads from the database is the item itself, on every replica, with no invalidation: a page of
 * known incidents costs its two statements and a copy of bytes. Bounded in bytes; the least recently listed go.
 */
@ApplicationScoped
public class RenderedIncidents {

    static final long DEFAULT_CAPACITY_BYTES = 8L * 1024 * 1024;

    private final long capacityBytes;
    private final Map<Long, RenderedIncident> byId = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    public RenderedIncidents() {
        this(DEFAULT_CAPACITY_BYTES);
    }

    RenderedIncidents(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    /** Of the incidents at these versions (id → version), those kept at exactly that version. */
    synchronized Map<Long, RenderedIncident> known(Map<Long, Long> versions) {
        Map<Long, RenderedIncident> known = new HashMap<>();
        versions.forEach((id, version) -> {
            RenderedIncident item = byId.get(id);
            if (item != null && item.version() == version) {
                known.put(id, item);
            }
        });
        return known;
    }

    /** Keeps these items, each replacing an older version of its incident (never a newer one). */
    synchronized void remember(Collection<RenderedIncident> items) {
        for (RenderedIncident item : items) {
            RenderedIncident kept = byId.get(item.id());
            if (kept != null && kept.version() > item.version()) {
                continue;
            }
            if (kept != null) {
                bytes -= kept.json().length;
            }
            byId.put(item.id(), item);
            bytes += item.json().length;
        }
        Iterator<RenderedIncident> eldest = byId.values().iterator();
        while (bytes > capacityBytes && eldest.hasNext()) {
            bytes -= eldest.next().json().length;
            eldest.remove();
        }
    }

    synchronized int size() {
        return byId.size();
    }

    synchronized long bytes() {
        return bytes;
    }
}
