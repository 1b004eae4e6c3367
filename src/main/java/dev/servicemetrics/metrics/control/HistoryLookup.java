package dev.servicemetrics.metrics.control;

import dev.servicemetrics.metrics.control.PrometheusAnswers.RangeSeries;
import dev.servicemetrics.metrics.entity.MetricQuery;
import dev.servicemetrics.metrics.entity.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Answers history requests: from the history the cycle keeps when the request fits in it (the charts'
 * usual case, no call to Prometheus), otherwise with a range query of its own.
 */
@ApplicationScoped
public class HistoryLookup {

    @Inject
    HistoryBook book;

    @Inject
    SnapshotStore store;

    @Inject
    PrometheusQueries prometheus;

    /** The answer: where it came from, and each series' points within the range. */
    public record Answer(Instant start, Instant end, boolean fromCycle, List<Snapshot.History> series) {
    }

    /** The step a request without one gets: the cycle's step when the range fits the kept window. */
    public Duration defaultStep(Duration range) {
        return range.compareTo(book.window()) <= 0 ? book.step() : HistoryBook.stepFor(range, Duration.ofSeconds(1));
    }

    /** @throws PrometheusFailure when a range query was needed and failed */
    public Answer lookup(MetricQuery query, HistoryRequest request, Instant now) {
        boolean kept = query.history() && request.range().compareTo(book.window()) <= 0 && request.step().equals(book.step());
        Instant start = now.minus(request.range());
        if (kept && store.latest().isPresent()) {
            long oldest = start.toEpochMilli();
            List<Snapshot.History> series = store.latest().get().history().stream()
                    .filter(history -> history.name().equals(query.name()))
                    .map(history -> new Snapshot.History(history.name(), history.labels(),
                            history.points().stream().filter(point -> point.epochMillis() >= oldest).toList()))
                    .toList();
            return new Answer(start, now, true, series);
        }
        List<RangeSeries> answer = prometheus.range(query.name() + " (history)", query.promql(), start, now, request.step());
        return new Answer(start, now, false, answer.stream()
                .map(series -> new Snapshot.History(query.name(), series.labels(), series.points()))
                .toList());
    }
}
