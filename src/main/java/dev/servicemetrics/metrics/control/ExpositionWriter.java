package dev.servicemetrics.metrics.control;

import dev.servicemetrics.metrics.entity.Family;
import dev.servicemetrics.metrics.entity.Series;
import dev.servicemetrics.metrics.entity.Snapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a snapshot in the Prometheus text exposition format 0.0.4, as the seed's sample shows it:
 * {@code # HELP} and {@code # TYPE} per metric, then its series with job and instance first.
 * A histogram is written the standard way: {@code _bucket{le="…"}} up to {@code +Inf}, {@code _sum}, {@code _count}.
 * Derived entries are not metrics a target exposes, so they stay out; so do families without series.
 */
public final class ExpositionWriter {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private ExpositionWriter() {
    }

    public static String write(Snapshot snapshot) {
        StringBuilder out = new StringBuilder(4096);
        for (Family family : snapshot.families()) {
            if (family.derived() || family.series().isEmpty()) {
                continue;
            }
            out.append("# HELP ").append(family.name()).append(' ').append(escapeHelp(family.help())).append('\n');
            out.append("# TYPE ").append(family.name()).append(' ').append(family.type().exposition()).append('\n');
            for (Series series : family.series()) {
                if (series.isHistogram()) {
                    histogram(out, series);
                } else {
                    sample(out, series.name(), series.labels(), null, series.value());
                }
            }
        }
        return out.toString();
    }

    private static void histogram(StringBuilder out, Series series) {
        series.buckets().forEach((bound, count) ->
                sample(out, series.name() + "_bucket", series.labels(), SampleValues.format(bound), count));
        sample(out, series.name() + "_sum", series.labels(), null, series.sum());
        sample(out, series.name() + "_count", series.labels(), null, series.count());
    }

    private static void sample(StringBuilder out, String name, Map<String, String> labels, String le, double value) {
        out.append(name);
        if (!labels.isEmpty() || le != null) {
            out.append('{');
            boolean[] first = {true};
            ordered(labels).forEach((label, text) -> {
                if (!first[0]) {
                    out.append(',');
                }
                first[0] = false;
                out.append(label).append("=\"").append(escapeLabel(text)).append('"');
            });
            if (le != null) {
                out.append(first[0] ? "" : ",").append("le=\"").append(le).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(SampleValues.format(value)).append('\n');
    }

    /** job, instance, then the rest by name. */
    static Map<String, String> ordered(Map<String, String> labels) {
        Map<String, String> ordered = new LinkedHashMap<>();
        if (labels.containsKey("job")) {
            ordered.put("job", labels.get("job"));
        }
        if (labels.containsKey("instance")) {
            ordered.put("instance", labels.get("instance"));
        }
        new TreeMap<>(labels).forEach(ordered::putIfAbsent);
        return ordered;
    }

    static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String escapeLabel(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
