package dev.servicemetrics.metrics.control;

import dev.servicemetrics.metrics.control.PrometheusAnswers.InstantSample;
import dev.servicemetrics.metrics.control.PrometheusAnswers.MetricMetadata;
import dev.servicemetrics.metrics.control.ScrapeCycle.Part;
import dev.servicemetrics.metrics.entity.Family;
import dev.servicemetrics.metrics.entity.MetricQuery;
import dev.servicemetrics.metrics.entity.MetricType;
import dev.servicemetrics.metrics.entity.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns one cycle's answers into the snapshot's families: HELP and TYPE from Prometheus' metadata for
 * metrics it knows, histograms rebuilt from their _bucket/_sum/_count series, series in a stable order.
 */
final class FamilyAssembler {

    /** job first, then instance, then the other labels by name: the order of the seed's sample. */
    static final Comparator<Map<String, String>> LABEL_ORDER = Comparator.comparing(FamilyAssembler::sortKey);

    private final Map<String, MetricMetadata> metadata;

    FamilyAssembler(Map<String, MetricMetadata> metadata) {
        this.metadata = metadata;
    }

    List<Family> families(List<MetricQuery> queries, Outcomes outcomes) {
        List<Family> families = new ArrayList<>();
        for (MetricQuery query : queries) {
            if (outcomes.failed(query)) {
                continue;
            }
            Optional<MetricMetadata> known = query.derived() ? Optional.empty() : Optional.ofNullable(metadata.get(metricName(query)));
            MetricType type = typeOf(query, known);
            String help = known.map(MetricMetadata::help).filter(text -> !text.isBlank())
                    .orElse(query.derived() ? "Derived by service-metrics: " + query.promql() : query.name());
            List<Series> series = type == MetricType.HISTOGRAM
                    ? histograms(query, outcomes)
                    : outcomes.instant(query, Part.Kind.VALUE).orElse(List.of()).stream()
                            .map(sample -> Series.sample(query.name(), sample.labels(), type, sample.value()))
                            .toList();
            families.add(new Family(query.name(), type, help, query.derived(),
                    series.stream().sorted(Comparator.comparing(Series::labels, LABEL_ORDER)).toList()));
        }
        return families;
    }

    /** The file's type, unless Prometheus declares a plain metric a counter or a gauge. */
    private static MetricType typeOf(MetricQuery query, Optional<MetricMetadata> known) {
        if (query.type() == MetricType.HISTOGRAM) {
            return MetricType.HISTOGRAM;
        }
        return known.map(MetricMetadata::type)
                .filter(type -> type == MetricType.COUNTER || type == MetricType.GAUGE)
                .orElse(query.type());
    }

    private static String metricName(MetricQuery query) {
        return query.promql().strip().split("\\{")[0];
    }

    private static List<Series> histograms(MetricQuery query, Outcomes outcomes) {
        Map<Map<String, String>, TreeMap<Double, Double>> buckets = new LinkedHashMap<>();
        for (InstantSample bucket : outcomes.instant(query, Part.Kind.BUCKETS).orElse(List.of())) {
            Map<String, String> labels = new HashMap<>(bucket.labels());
            String le = labels.remove("le");
            if (le == null) {
                continue;
            }
            buckets.computeIfAbsent(Map.copyOf(labels), key -> new TreeMap<>()).put(SampleValues.parse(le), bucket.value());
        }
        Map<Map<String, String>, Double> sums = byLabels(outcomes.instant(query, Part.Kind.SUM).orElse(List.of()));
        Map<Map<String, String>, Double> counts = byLabels(outcomes.instant(query, Part.Kind.COUNT).orElse(List.of()));
        List<Series> series = new ArrayList<>();
        buckets.forEach((labels, bounds) -> {
            double count = counts.getOrDefault(labels, bounds.getOrDefault(Double.POSITIVE_INFINITY, Double.NaN));
            if (!bounds.containsKey(Double.POSITIVE_INFINITY)) {
                bounds.put(Double.POSITIVE_INFINITY, count);
            }
            series.add(Series.histogram(query.name(), labels, bounds, sums.getOrDefault(labels, Double.NaN), count));
        });
        return series;
    }

    private static Map<Map<String, String>, Double> byLabels(List<InstantSample> samples) {
        Map<Map<String, String>, Double> values = new HashMap<>();
        samples.forEach(sample -> values.put(Map.copyOf(sample.labels()), sample.value()));
        return values;
    }

    private static String sortKey(Map<String, String> labels) {
        StringBuilder key = new StringBuilder();
        key.append(labels.getOrDefault("job", "")).append('\u0000').append(labels.getOrDefault("instance", ""));
        new TreeMap<>(labels).forEach((name, value) -> key.append('\u0000').append(name).append('=').append(value));
        return key.toString();
    }
}
