package dev.servicemetrics.metrics.control;

import dev.servicemetrics.metrics.control.PrometheusAnswers.InstantSample;
import dev.servicemetrics.metrics.control.PrometheusAnswers.MetricMetadata;
import dev.servicemetrics.metrics.control.PrometheusAnswers.RangeSeries;
import dev.servicemetrics.metrics.entity.FailureReason;
import dev.servicemetrics.metrics.entity.MetricQuery;
import dev.servicemetrics.metrics.entity.MetricType;
import dev.servicemetrics.metrics.entity.QueryFailure;
import dev.servicemetrics.metrics.entity.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One scrape cycle: every query of the list (and, when due, the history windows and the metadata) runs
 * concurrently on the given bounded executor, under a deadline shorter than the interval. A failed query
 * fails its entry only; Prometheus unreachable, or no query answered, fails the cycle at once.
 */
@ApplicationScoped
public class ScrapeCycle {

    /** Metadata (HELP texts) rarely changes: re-read it this often, not every cycle. */
    static final Duration METADATA_REFRESH = Duration.ofMinutes(5);

    @Inject
    QueryList queries;

    @Inject
    PrometheusQueries prometheus;

    @Inject
    HistoryBook history;

    @Inject
    ScrapeMetrics metrics;

    private volatile Map<String, MetricMetadata> metadata = Map.of();
    private volatile Instant metadataReadAt;

    /**
     * Runs one cycle that started at {@code now}.
     *
     * @throws PrometheusFailure when the cycle as a whole failed; the reason says why
     */
    public Snapshot run(ExecutorService executor, Instant now, Duration deadline) throws InterruptedException {
        long started = System.nanoTime();
        List<Part> parts = plan(now);
        List<Part.Outcome> outcomes = runAll(executor, parts, deadline);
        List<QueryFailure> failures = new ArrayList<>();
        boolean anyAnswer = false;
        for (Part.Outcome outcome : outcomes) {
            if (outcome.failure() != null) {
                failures.add(outcome.failure().asQueryFailure());
                metrics.failed(outcome.failure().reason());
            } else if (outcome.part().kind() != Part.Kind.METADATA) {
                anyAnswer = true;
            }
        }
        if (!anyAnswer) {
            QueryFailure first = failures.isEmpty()
                    ? new QueryFailure("cycle", FailureReason.TIMEOUT, "no query answered")
                    : failures.get(0);
            throw new PrometheusFailure(first.query(), first.reason(), first.detail());
        }
        Outcomes answered = new Outcomes(outcomes);
        answered.metadata().ifPresent(read -> {
            metadata = read;
            metadataReadAt = now;
        });
        answered.updateHistory(history, now);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new Snapshot(now, took, new FamilyAssembler(metadata).families(queries.entries(), answered),
                failures, history.all(queries.entries()));
    }

    private List<Part> plan(Instant now) {
        List<Part> parts = new ArrayList<>();
        if (metadataReadAt == null || !now.isBefore(metadataReadAt.plus(METADATA_REFRESH))) {
            parts.add(new Part(null, Part.Kind.METADATA, () -> new Part.Help(prometheus.metadata())));
        }
        Duration step = history.step();
        for (MetricQuery query : queries.entries()) {
            if (query.type() == MetricType.HISTOGRAM) {
                parts.add(instant(query, Part.Kind.BUCKETS, query.histogramPart("_bucket")));
                parts.add(instant(query, Part.Kind.SUM, query.histogramPart("_sum")));
                parts.add(instant(query, Part.Kind.COUNT, query.histogramPart("_count")));
            } else {
                parts.add(instant(query, Part.Kind.VALUE, query.promql()));
            }
            if (query.history() && history.refreshDue(query.name(), now)) {
                Instant end = Instant.ofEpochSecond(now.getEpochSecond() / step.toSeconds() * step.toSeconds());
                Instant start = end.minus(history.window());
                parts.add(new Part(query, Part.Kind.RANGE,
                        () -> new Part.Window(prometheus.range(query.name() + " (history)", query.promql(), start, end, step))));
            }
        }
        return parts;
    }

    private Part instant(MetricQuery query, Part.Kind kind, String promql) {
        String name = kind == Part.Kind.VALUE ? query.name() : query.name() + " (" + promql.split("\\{")[0] + ")";
        return new Part(query, kind, () -> new Part.Samples(prometheus.instant(name, promql)));
    }

    /** Submits every part; stops early when Prometheus is unreachable, and cancels what the deadline leaves. */
    private static List<Part.Outcome> runAll(ExecutorService executor, List<Part> parts, Duration deadline)
            throws InterruptedException {
        ExecutorCompletionService<Part.Outcome> completion = new ExecutorCompletionService<>(executor);
        List<Future<Part.Outcome>> futures = new ArrayList<>();
        for (Part part : parts) {
            futures.add(completion.submit(part::run));
        }
        List<Part.Outcome> outcomes = new ArrayList<>();
        long end = System.nanoTime() + deadline.toNanos();
        try {
            while (outcomes.size() < parts.size()) {
                Future<Part.Outcome> done = completion.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (done == null) {
                    break;
                }
                Part.Outcome outcome = result(done);
                if (outcome == null) {
                    continue;
                }
                if (outcome.failure() != null && outcome.failure().reason() == FailureReason.UNREACHABLE) {
                    throw outcome.failure();
                }
                outcomes.add(outcome);
            }
        } finally {
            futures.forEach(future -> future.cancel(true));
        }
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (outcomes.stream().noneMatch(outcome -> outcome.part() == part)) {
                outcomes.add(part.timedOut(deadline));
            }
        }
        return outcomes;
    }

    private static Part.Outcome result(Future<Part.Outcome> done) {
        try {
            return done.get();
        } catch (ExecutionException | CancellationException unexpected) {
            return null;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** One call of a cycle: what it is for, and how to make it. */
    record Part(MetricQuery query, Kind kind, Supplier<Answer> call) {

        enum Kind { VALUE, BUCKETS, SUM, COUNT, RANGE, METADATA }

        /** What a call brings back: one type per kind of call, so that nobody casts. */
        sealed interface Answer permits Samples, Window, Help {
        }

        /** An instant query's series (VALUE, BUCKETS, SUM, COUNT). */
        record Samples(List<InstantSample> samples) implements Answer {
        }

        /** A range query's series over the history window (RANGE). */
        record Window(List<RangeSeries> series) implements Answer {
        }

        /** The targets' HELP and TYPE, by family (METADATA). */
        record Help(Map<String, MetricMetadata> byFamily) implements Answer {
        }

        record Outcome(Part part, Answer answer, PrometheusFailure failure) {
        }

        Outcome run() {
            try {
                return new Outcome(this, call.get(), null);
            } catch (PrometheusFailure failure) {
                return new Outcome(this, null, failure);
            } catch (RuntimeException unexpected) {
                return new Outcome(this, null, new PrometheusFailure(label(), FailureReason.MALFORMED,
                        unexpected.getClass().getSimpleName() + ": " + unexpected.getMessage()));
            }
        }

        Outcome timedOut(Duration deadline) {
            return new Outcome(this, null, new PrometheusFailure(label(), FailureReason.TIMEOUT,
                    "no answer within the cycle's deadline of " + deadline.toMillis() + " ms"));
        }

        String label() {
            if (query == null) {
                return "metadata";
            }
            return kind == Kind.RANGE ? query.name() + " (history)" : query.name();
        }
    }
}
