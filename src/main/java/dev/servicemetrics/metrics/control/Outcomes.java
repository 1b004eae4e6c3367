package dev.servicemetrics.metrics.control;

import dev.servicemetrics.metrics.control.PrometheusAnswers.InstantSample;
import dev.servicemetrics.metrics.control.PrometheusAnswers.MetricMetadata;
import dev.servicemetrics.metrics.control.ScrapeCycle.Part;
import dev.servicemetrics.metrics.entity.MetricQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The answers of one cycle, looked up by entry and kind of call; a failed call has no answer. */
final class Outcomes {

    private final List<Part.Outcome> outcomes;

    Outcomes(List<Part.Outcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
    }

    Optional<List<InstantSample>> instant(MetricQuery query, Part.Kind kind) {
        return answer(query, kind).flatMap(answer -> answer instanceof Part.Samples instant
                ? Optional.of(instant.samples()) : Optional.empty());
    }

    boolean failed(MetricQuery query) {
        return outcomes.stream().anyMatch(o -> o.part().query() == query && o.part().kind() != Part.Kind.RANGE && o.failure() != null);
    }

    Optional<Map<String, MetricMetadata>> metadata() {
        return answer(null, Part.Kind.METADATA).flatMap(answer -> answer instanceof Part.Help help
                ? Optional.of(help.byFamily()) : Optional.empty());
    }

    /** Range answers replace an entry's window; instant values are appended to it. */
    void updateHistory(HistoryBook history, Instant now) {
        for (Part.Outcome outcome : outcomes) {
            if (outcome.answer() instanceof Part.Window window) {
                history.replace(outcome.part().query().name(), window.series(), now);
            }
        }
        for (Part.Outcome outcome : outcomes) {
            MetricQuery query = outcome.part().query();
            if (outcome.part().kind() == Part.Kind.VALUE && query.history() && outcome.answer() instanceof Part.Samples instant) {
                history.append(query.name(), instant.samples(), now);
            }
        }
    }

    private Optional<Part.Answer> answer(MetricQuery query, Part.Kind kind) {
        return outcomes.stream()
                .filter(o -> o.part().query() == query && o.part().kind() == kind && o.failure() == null)
                .map(Part.Outcome::answer)
                .findFirst();
    }
}
