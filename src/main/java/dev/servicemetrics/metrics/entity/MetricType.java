package dev.servicemetrics.metrics.entity;

import java.util.Locale;

/** The Prometheus metric types, as /api/v1/metadata and the exposition format name them. */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM, SUMMARY, UNKNOWN;

    /** The word of a {@code # TYPE} line; the 0.0.4 text format calls an unknown type "untyped". */
    public String exposition() {
        return this == UNKNOWN ? "untyped" : name().toLowerCase(Locale.ROOT);
    }

    /** The lower-case name used in JSON answers and the METRICS_QUERIES file. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MetricType of(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        String word = text.trim().toUpperCase(Locale.ROOT);
        if ("UNTYPED".equals(word)) {
            return UNKNOWN;
        }
        try {
            return valueOf(word);
        } catch (IllegalArgumentException other) {
            return UNKNOWN;
        }
    }
}
