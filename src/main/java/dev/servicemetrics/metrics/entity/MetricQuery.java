package dev.servicemetrics.metrics.entity;

import java.util.regex.Pattern;

/**
 * One entry of the query list (METRICS_QUERIES): the name the series get, their type, whether the cycle
 * keeps their history, and the PromQL. For a histogram the PromQL is a selector of the histogram's base
 * name ({@code request_duration_seconds} or {@code request_duration_seconds{job="api"}}); the cycle reads
 * its {@code _bucket}, {@code _sum} and {@code _count} series.
 */
public record MetricQuery(String name, MetricType type, boolean history, String promql) {

    public static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*})?", Pattern.DOTALL);

    /** True when the PromQL is not the metric itself (a rate, a quantile, an aggregation). */
    public boolean derived() {
        var selector = SELECTOR.matcher(promql.trim());
        return !(selector.matches() && selector.group(1).equals(name));
    }

    /** The PromQL of one of a histogram's component series: suffix is {@code _bucket}, {@code _sum} or {@code _count}. */
    public String histogramPart(String suffix) {
        var selector = SELECTOR.matcher(promql.trim());
        if (!selector.matches()) {
            throw new IllegalStateException(name + ": a histogram's PromQL must be a metric selector");
        }
        String matchers = selector.group(2) == null ? "" : selector.group(2);
        return selector.group(1) + suffix + matchers;
    }

    public static boolean isSelector(String promql) {
        return SELECTOR.matcher(promql.trim()).matches();
    }
}
