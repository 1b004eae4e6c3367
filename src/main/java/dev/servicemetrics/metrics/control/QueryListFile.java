package dev.servicemetrics.metrics.control;

import dev.servicemetrics.config.InvalidConfigurationException;
import dev.servicemetrics.metrics.entity.MetricQuery;
import dev.servicemetrics.metrics.entity.MetricType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the query list format (see default-queries.txt): {@code NAME TYPE HISTORY PROMQL} per line,
 * {@code #} comments. Every problem names the line and the entry, so a bad file stops the start with a
 * line an operator can act on.
 */
public final class QueryListFile {

    static final String VARIABLE = "METRICS_QUERIES";
    static final String FORMAT = "lines of 'NAME TYPE HISTORY PROMQL' (TYPE counter|gauge|histogram|untyped, HISTORY yes|no)";
    static final int MAX_ENTRIES = 200;

    private QueryListFile() {
    }

    public static List<MetricQuery> parse(String source, List<String> lines) {
        List<MetricQuery> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            MetricQuery entry = entry(source, number, line);
            if (!names.add(entry.name())) {
                throw invalid(source, number, entry.name(), "the name is used twice", "unique names");
            }
            entries.add(entry);
        }
        if (entries.isEmpty()) {
            throw new InvalidConfigurationException(VARIABLE, source, "the file has no entry", FORMAT);
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new InvalidConfigurationException(VARIABLE, source, entries.size() + " entries", "at most " + MAX_ENTRIES);
        }
        return List.copyOf(entries);
    }

    private static MetricQuery entry(String source, int number, String line) {
        String[] fields = line.split("\\s+", 4);
        String name = fields[0];
        if (fields.length < 4) {
            throw invalid(source, number, name, "it has " + fields.length + " of the 4 fields", FORMAT);
        }
        if (!MetricQuery.METRIC_NAME.matcher(name).matches()) {
            throw invalid(source, number, name, "the name is not a Prometheus metric name", "[a-zA-Z_:][a-zA-Z0-9_:]*");
        }
        MetricType type = type(source, number, name, fields[1]);
        boolean history = switch (fields[2].toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw invalid(source, number, name, "HISTORY is '" + fields[2] + "'", "yes or no");
        };
        String promql = fields[3].strip();
        if (type == MetricType.HISTOGRAM) {
            if (!MetricQuery.isSelector(promql)) {
                throw invalid(source, number, name, "a histogram's PromQL is '" + promql + "'",
                        "a selector of the histogram's base name, such as request_duration_seconds{job=\"api\"}");
            }
            if (history) {
                throw invalid(source, number, name, "a histogram cannot keep history",
                        "HISTORY no, plus a derived entry such as histogram_quantile(0.95, …) with HISTORY yes");
            }
        }
        return new MetricQuery(name, type, history, promql);
    }

    private static MetricType type(String source, int number, String name, String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "counter" -> MetricType.COUNTER;
            case "gauge" -> MetricType.GAUGE;
            case "histogram" -> MetricType.HISTOGRAM;
            case "untyped" -> MetricType.UNKNOWN;
            default -> throw invalid(source, number, name, "TYPE is '" + word + "'", "counter, gauge, histogram or untyped");
        };
    }

    private static InvalidConfigurationException invalid(String source, int line, String name, String problem, String expected) {
        return new InvalidConfigurationException(VARIABLE, source, "line " + line + " (entry '" + name + "'): " + problem, expected);
    }
}
