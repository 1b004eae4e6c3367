package dev.servicemetrics.metrics.control;

import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.metrics.control.PrometheusAnswers.InstantSample;
import dev.servicemetrics.metrics.control.PrometheusAnswers.RangeSeries;
import dev.servicemetrics.metrics.entity.MetricQuery;
import dev.servicemetrics.metrics.entity.Snapshot.History;
import dev.servicemetrics.metrics.entity.Snapshot.Point;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recent points of the series marked for history. A range query over HISTORY_WINDOW fills an entry;
 * between two such refreshes each cycle appends its instant value (when a step has passed), which spares
 * re-downloading the whole window every cycle. The step keeps a window under {@value #MAX_POINTS} points.
 */
@ApplicationScoped
public class HistoryBook {

    static final int MAX_POINTS = 500;
    /** A refresh re-reads the window from Prometheus every this many steps, correcting any drift of the appends. */
    static final int REFRESH_EVERY_STEPS = 30;

    @Inject
    ServiceConfiguration configuration;

    private final Map<String, Map<Map<String, String>, Deque<Point>>> entries = new HashMap<>();
    private final Map<String, Instant> refreshedAt = new HashMap<>();

    public Duration window() {
        return configuration.historyWindow();
    }

    public Duration step() {
        return stepFor(window(), configuration.scrapeInterval());
    }

    /** The scrape interval, or longer when the window would otherwise hold more than MAX_POINTS points. */
    static Duration stepFor(Duration window, Duration interval) {
        long seconds = Math.max(interval.toSeconds(), (window.toSeconds() + MAX_POINTS - 1) / MAX_POINTS);
        return Duration.ofSeconds(Math.max(1, seconds));
    }

    public synchronized boolean refreshDue(String entry, Instant now) {
        Instant last = refreshedAt.get(entry);
        return last == null || !now.isBefore(last.plus(step().multipliedBy(REFRESH_EVERY_STEPS)));
    }

    /** After a failed cycle the appends have a gap: the next cycle re-reads every window. */
    public synchronized void invalidate() {
        refreshedAt.clear();
    }

    public synchronized void replace(String entry, List<RangeSeries> series, Instant now) {
        Map<Map<String, String>, Deque<Point>> bySeries = new LinkedHashMap<>();
        for (RangeSeries one : series) {
            bySeries.put(Map.copyOf(one.labels()), new ArrayDeque<>(one.points()));
        }
        entries.put(entry, bySeries);
        refreshedAt.put(entry, now);
    }

    public synchronized void append(String entry, List<InstantSample> samples, Instant at) {
        Map<Map<String, String>, Deque<Point>> bySeries = entries.computeIfAbsent(entry, name -> new LinkedHashMap<>());
        long stepMillis = step().toMillis();
        for (InstantSample sample : samples) {
            Deque<Point> points = bySeries.computeIfAbsent(Map.copyOf(sample.labels()), labels -> new ArrayDeque<>());
            Point last = points.peekLast();
            if (last == null || at.toEpochMilli() - last.epochMillis() >= stepMillis) {
                points.addLast(new Point(at.toEpochMilli(), sample.value()));
            }
        }
        long oldest = at.minus(window()).toEpochMilli();
        bySeries.values().forEach(points -> {
            while (!points.isEmpty() && points.peekFirst().epochMillis() < oldest) {
                points.removeFirst();
            }
        });
        bySeries.values().removeIf(Deque::isEmpty);
    }

    /** Every kept series of the entries marked for history, in the order of the query list. */
    public synchronized List<History> all(List<MetricQuery> queries) {
        List<History> all = new ArrayList<>();
        for (MetricQuery query : queries) {
            entries.getOrDefault(query.name(), Map.of()).forEach((labels, points) ->
                    all.add(new History(query.name(), labels, List.copyOf(points))));
        }
        return all;
    }
}
