package dev.servicemetrics.metrics.entity;

import java.util.List;

/**
 * All series of one entry of the query list, with the HELP text and type they are exposed with.
 * {@code derived} is true for computed views (rates, quantiles) whose PromQL is not the metric itself:
 * they appear in /api/metrics, /ws and the history, not in /metrics or the seed's flat message.
 */
public record Family(String name, MetricType type, String help, boolean derived, List<Series> series) {

    public Family {
        series = List.copyOf(series);
    }
}
