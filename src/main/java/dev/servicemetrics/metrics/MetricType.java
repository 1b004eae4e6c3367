package dev.servicemetrics.metrics;

import java.util.Locale;

/** The Prometheus metric types, as /api/v1/metadata and the exposition format name them. */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM, SUMMARY, UNKNOWN;

    public String exposition() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MetricType of(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException other) {
            return UNKNOWN;
        }
    }
}
