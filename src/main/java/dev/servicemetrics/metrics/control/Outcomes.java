package dev.servicemetrics.metrics.control;

import dev.servicemetrics.metrics.control.PrometheusAnswers.InstantSample;
import dev.servicemetrics.metrics.control.PrometheusAnswers.MetricMetadata;
import dev.servicemetrics.metrics.control.PrometheusAnswers.RangeSeries;
import dev.servicemetrics.metrics.control.ScrapeCycle.Part;
import dev.servicemetrics.metrics.entity.MetricQuery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The answers of one cycle, looked up by entry and kind of call; a failed call has no answer. */
final class Outcomes {

    private final List<Part.Outcome> outcomes;

    Outcomes(List<Part.Outcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
    }

    @SuppressWarnings("unchecked")
    Optional<List<InstantSample>> instant(MetricQuery query, Part.Kind kind) {
        return answer(query, kind).map(answer -> (List<InstantSample>) answer);
    }

    boolean failed(MetricQuery query) {
        return outcomes.stream().anyMatch(o -> o.part().query() == query && o.part().kind() != Part.Kind.RANGE && o.failure() != null);
    }

    @SuppressWarnings("unchecked")
    Optional<java.util.Map<String, MetricMetadata>> metadata() {
        return answer(null, Part.Kind.METADATA).map(answer -> (java.util.Map<String, MetricMetadata>) answer);
    }

    /** Range answers replace an entry's window; instant values are appended to it. */
    @SuppressWarnings("unchecked")
    void updateHistory(HistoryBook history, Instant now) {
        for (Part.Outcome outcome : outcomes) {
            MetricQuery query = outcome.part().query();
            if (outcome.failure() == null && outcome.part().kind() == Part.Kind.RANGE) {
                history.replace(query.name(), (List<RangeSeries>) outcome.answer(), now);
            }
        }
        for (Part.Outcome outcome : outcomes) {
            MetricQuery query = outcome.part().query();
            if (outcome.failure() == null && outcome.part().kind() == Part.Kind.VALUE && query.history()) {
                history.append(query.name(), (List<InstantSample>) outcome.answer(), now);
            }
        }
    }

    private Optional<Object> answer(MetricQuery query, Part.Kind kind) {
        return outcomes.stream()
                .filter(o -> o.part().query() == query && o.part().kind() == kind && o.failure() == null)
                .map(Part.Outcome::answer)
                .findFirst();
    }
}
