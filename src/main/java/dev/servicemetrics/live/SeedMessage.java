package dev.servicemetrics.live;

import dev.servicemetrics.metrics.control.SnapshotJson;
import dev.servicemetrics.metrics.entity.Family;
import dev.servicemetrics.metrics.entity.MetricType;
import dev.servicemetrics.metrics.entity.Series;
import dev.servicemetrics.metrics.entity.Snapshot;
import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seed's flat message: {@code {"cpu_usage_seconds_total":0.15, …, "request_duration_seconds":{"0.1":50, …}}}.
 * One key per metric of the query list that a target exposes (derived views are left out), in list order.
 * With several series per metric (several targets) the key holds their aggregate: counters and histograms
 * (bucket by bucket) are summed — the fleet's total —, gauges and untyped metrics take the maximum — the
 * worst target. With one target the message is the seed's. A histogram's {@code +Inf} bucket is left out
 * as in the seed; NaN and ±Inf values become null.
 */
final class SeedMessage {

    private SeedMessage() {
    }

    static String of(Snapshot snapshot) {
        JsonObjectBuilder message = JsonFactory.createObjectBuilder();
        for (Family family : snapshot.families()) {
            if (family.derived() || family.series().isEmpty()) {
                continue;
            }
            if (family.type() == MetricType.HISTOGRAM) {
                message.add(family.name(), buckets(family.series()));
            } else {
                SnapshotJson.number(message, family.name(), aggregate(family.type(), family.series()));
            }
        }
        return message.build().toString();
    }

    private static double aggregate(MetricType type, List<Series> series) {
        if (series.size() == 1) {
            return series.get(0).value();
        }
        return type == MetricType.COUNTER
                ? series.stream().mapToDouble(Series::value).sum()
                : series.stream().mapToDouble(Series::value).max().orElse(Double.NaN);
    }

    private static JsonObjectBuilder buckets(List<Series> series) {
        Map<Double, Double> summed = new TreeMap<>();
        for (Series one : series) {
            one.buckets().forEach((bound, count) -> summed.merge(bound, count, Double::sum));
        }
        JsonObjectBuilder buckets = JsonFactory.createObjectBuilder();
        summed.forEach((bound, count) -> {
            if (!Double.isInfinite(bound)) {
                SnapshotJson.number(buckets, dev.servicemetrics.metrics.control.SampleValues.format(bound), count);
            }
        });
        return buckets;
    }
}
