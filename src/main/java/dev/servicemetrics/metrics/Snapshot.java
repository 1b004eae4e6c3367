package dev.servicemetrics.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one scrape cycle saw, immutable, fired as a CDI event after every cycle.
 * {@code help} maps a metric name to its HELP text from Prometheus' /api/v1/metadata;
 * {@code failures} names the queries that failed in this cycle (empty when all succeeded);
 * {@code history} holds the range-query points of the series marked for history.
 */
public record Snapshot(Instant timestamp, Duration cycleDuration, List<Series> series,
                       Map<String, String> help, List<String> failures, List<History> history) {

    public Snapshot {
        series = List.copyOf(series);
        help = Map.copyOf(help);
        failures = List.copyOf(failures);
        history = List.copyOf(history);
    }

    /** The points of one series over HISTORY_WINDOW: parallel arrays of epoch milliseconds and values. */
    public record History(String name, Map<String, String> labels, long[] timestamps, double[] values) {
        public History {
            labels = Map.copyOf(labels);
        }
    }
}
