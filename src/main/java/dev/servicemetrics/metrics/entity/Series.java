package dev.servicemetrics.metrics.entity;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One time series of a snapshot: the entry's name and the labels Prometheus returned (job, instance, …)
 * with the latest value. A histogram carries its cumulative bucket counts keyed by upper bound
 * ({@code +Inf} as {@link Double#POSITIVE_INFINITY}), its sum and count; {@code value} is then its count.
 * Values may be NaN or ±Inf when Prometheus says so.
 */
public record Series(String name, Map<String, String> labels, MetricType type, double value,
                     SortedMap<Double, Double> buckets, double sum, double count) {

    public Series {
        labels = Map.copyOf(labels);
        buckets = buckets == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(buckets));
    }

    public static Series sample(String name, Map<String, String> labels, MetricType type, double value) {
        return new Series(name, labels, type, value, null, Double.NaN, Double.NaN);
    }

    public static Series histogram(String name, Map<String, String> labels, SortedMap<Double, Double> buckets,
                                   double sum, double count) {
        return new Series(name, labels, MetricType.HISTOGRAM, count, buckets, sum, count);
    }

    public boolean isHistogram() {
        return buckets != null;
    }
}
