package dev.servicemetrics.mock;

import java.math.BigDecimal;

/** Writes a {@link Sample} in the Prometheus text exposition format 0.0.4, with the seed's HELP texts. */
final class Exposition {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private Exposition() {
    }

    static String of(Sample sample) {
        StringBuilder out = new StringBuilder(1200);
        header(out, "cpu_usage_seconds_total", "Total number of seconds the CPU has been in use.", "counter");
        line(out, "cpu_usage_seconds_total", "", sample.cpuSeconds());
        header(out, "memory_usage_bytes", "Current memory usage in bytes.", "gauge");
        line(out, "memory_usage_bytes", "", sample.memoryBytes());
        header(out, "disk_usage_percent", "Disk usage percentage.", "gauge");
        line(out, "disk_usage_percent", "", sample.diskPercent());
        header(out, "http_requests_total", "Total number of HTTP requests received.", "counter");
        line(out, "http_requests_total", "", sample.requests());
        header(out, "request_duration_seconds", "Duration of HTTP requests in seconds.", "histogram");
        long[] buckets = sample.buckets();
        for (int i = 0; i < buckets.length; i++) {
            String le = i < Sample.BUCKET_BOUNDS.length ? number(Sample.BUCKET_BOUNDS[i]) : "+Inf";
            line(out, "request_duration_seconds_bucket", "{le=\"" + le + "\"}", buckets[i]);
        }
        line(out, "request_duration_seconds_sum", "", sample.durationSeconds());
        line(out, "request_duration_seconds_count", "", sample.durationCount());
        return out.toString();
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void line(StringBuilder out, String name, String labels, double value) {
        out.append(name).append(labels).append(' ').append(number(value)).append('\n');
    }

    /** 0.15 stays 0.15, 256000000.0 becomes 256000000 and 1.0 becomes 1, as in the seed's sample. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
