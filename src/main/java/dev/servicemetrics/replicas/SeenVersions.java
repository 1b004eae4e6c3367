package dev.servicemetrics.replicas;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per incident, the newest version pushed to this replica's dashboards and the newest version a notice
 * announced, so that an older or repeated change is dropped. A note changes the timeline but not the
 * incident's version, so a notice of the version already pushed still passes when it is a new notice;
 * it is dropped when that version was pushed early, read while handling an older notice.
 * Bounded: the least recently touched incidents are forgotten (a forgotten incident's next change passes).
 * Used by the listener's one thread only.
 */
final class SeenVersions {

    private final Map<Long, Seen> seen;

    SeenVersions(int capacity) {
        this.seen = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Seen> eldest) {
                return size() > capacity;
            }
        };
    }

    private static final class Seen {
        long noticed;
        long pushed;
    }

    /** Whether a notice of {@code version} is news; remembers it either way. */
    boolean noticed(long id, long version) {
        Seen known = seen.computeIfAbsent(id, key -> new Seen());
        boolean stale = version < known.pushed || (version == known.pushed && version > known.noticed);
        known.noticed = Math.max(known.noticed, version);
        return !stale;
    }

    /** Whether a state read at {@code version} may be pushed (never one older than what was pushed). */
    boolean pushing(long id, long version) {
        Seen known = seen.computeIfAbsent(id, key -> new Seen());
        if (version < known.pushed) {
            return false;
        }
        known.pushed = version;
        return true;
    }

    /** Whether an incident found by resynchronisation is newer than anything pushed. */
    boolean newer(long id, long version) {
        Seen known = seen.get(id);
        return known == null || version > known.pushed;
    }

    int size() {
        return seen.size();
    }
}
