package dev.servicemetrics.metrics.control;

import jakarta.ws.rs.core.Response;

/**
 * Prometheus' HTTP API: {@link PrometheusHttpClient} over HTTP, a fake in tests. Queries go as POST forms (Prometheus
 * accepts both): PromQL is full of braces, which URI templates would take for template variables in a query string.
 * Answers stay raw {@link Response}s so that {@link PrometheusQueries} can read Prometheus' own error bodies on
 * 400/422/503.
 */
public interface PrometheusClient {

    /** {@code POST api/v1/query}. */
    Response query(String query, String timeout);

    /** {@code POST api/v1/query_range}. */
    Response queryRange(String query, String start, String end, String step, String timeout);

    /** {@code GET api/v1/metadata}. */
    Response metadata();

    /** {@code GET -/ready}, Prometheus' own readiness endpoint: the cheapest call that proves it answers queries. */
    Response ready();
}
