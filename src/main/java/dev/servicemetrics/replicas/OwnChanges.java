package dev.servicemetrics.replicas;

import dev.servicemetrics.incidents.entity.IncidentView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The incidents this replica changed, as its own transaction left them, by the notice that announced them: when the
 * listener hears its own notice back it pushes that state instead of reading the incident again. A notice from
 * another replica is not here and is read as before. Bounded (while the listener is away, the oldest go, and are
 * read again if ever heard); shared by the feed's and the listener's threads.
 */
final class OwnChanges {

    private final Map<ChangeNotice, IncidentView> views;

    OwnChanges(int capacity) {
        this.views = new LinkedHashMap<>(64, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ChangeNotice, IncidentView> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized void announced(ChangeNotice notice, IncidentView view) {
        views.put(notice, view);
    }

    synchronized void notAnnounced(ChangeNotice notice) {
        views.remove(notice);
    }

    /** The state this replica announced with {@code notice}, once; empty for another replica's notice. */
    synchronized Optional<IncidentView> heardBack(ChangeNotice notice) {
        return Optional.ofNullable(views.remove(notice));
    }

    synchronized int size() {
        return views.size();
    }
}
