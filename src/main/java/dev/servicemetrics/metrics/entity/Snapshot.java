package dev.servicemetrics.metrics.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one scrape cycle saw, immutable, fired with {@code Event.fireAsync} after every cycle that reached
 * Prometheus. {@code families} are in the order of the query list, their series sorted by labels;
 * {@code failures} names the queries that failed in this cycle (their families are then missing or
 * empty); {@code history} holds the recent points of every series marked for history.
 * Whether a snapshot is stale depends on the clock, so it is not stored here: ask the SnapshotStore.
 */
public record Snapshot(Instant timestamp, Duration cycleDuration, List<Family> families,
                       List<QueryFailure> failures, List<History> history) {

    public Snapshot {
        families = List.copyOf(families);
        failures = List.copyOf(failures);
        history = List.copyOf(history);
    }

    public List<Series> series() {
        return families.stream().flatMap(family -> family.series().stream()).toList();
    }

    /** The points of one series over HISTORY_WINDOW, oldest first. */
    public record History(String name, Map<String, String> labels, List<Point> points) {
        public History {
            labels = Map.copyOf(labels);
            points = List.copyOf(points);
        }
    }

    /** One sample of a history: epoch milliseconds and value. */
    public record Point(long epochMillis, double value) {
    }
}
