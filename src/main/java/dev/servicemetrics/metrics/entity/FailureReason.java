package dev.servicemetrics.metrics.entity;

import java.util.Locale;

/** Why a call to Prometheus failed; the lower-case name is the {@code reason} tag of the failure counter. */
public enum FailureReason {
    /** No connection could be made (refused, unknown host, connect timeout): the whole cycle fails fast. */
    UNREACHABLE,
    /** Connected, but no answer within the read timeout or the cycle's deadline. */
    TIMEOUT,
    /** An HTTP status other than 200 without Prometheus' error body. */
    HTTP_STATUS,
    /** Prometheus answered {@code "status":"error"} (bad PromQL, query timeout, …). */
    QUERY_ERROR,
    /** The body was not the JSON Prometheus documents. */
    MALFORMED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
