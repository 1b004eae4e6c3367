package dev.servicemetrics.metrics.control;

import dev.servicemetrics.metrics.entity.FailureReason;
import dev.servicemetrics.metrics.entity.QueryFailure;

/** A call to Prometheus that gave no usable answer, naming the query (or API call) and why. */
public class PrometheusFailure extends RuntimeException {

    private final String query;
    private final FailureReason reason;
    private final String detail;

    public PrometheusFailure(String query, FailureReason reason, String detail) {
        super(query + ": " + reason.tag() + ": " + detail);
        this.query = query;
        this.reason = reason;
        this.detail = detail;
    }

    public String query() {
        return query;
    }

    public FailureReason reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    public QueryFailure asQueryFailure() {
        return new QueryFailure(query, reason, detail);
    }
}
