package dev.servicemetrics.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.metrics.entity.Family;
import dev.servicemetrics.metrics.entity.MetricType;
import dev.servicemetrics.metrics.entity.Series;
import dev.servicemetrics.metrics.entity.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionWriterTest {

    /** The seed's sample, with the histogram written the standard way (_bucket, _sum, _count). */
    static final String SEED_GOLDEN = """
            # HELP cpu_usage_seconds_total Total number of seconds the CPU has been in use.
            # TYPE cpu_usage_seconds_total counter
            cpu_usage_seconds_total{job="mock-metrics",instance="host.docker.internal:8081"} 0.15
            # HELP memory_usage_bytes Current memory usage in bytes.
            # TYPE memory_usage_bytes gauge
            memory_usage_bytes{job="mock-metrics",instance="host.docker.internal:8081"} 256000000
            # HELP disk_usage_percent Disk usage percentage.
            # TYPE disk_usage_percent gauge
            disk_usage_percent{job="mock-metrics",instance="host.docker.internal:8081"} 75.5
            # HELP http_requests_total Total number of HTTP requests received.
            # TYPE http_requests_total counter
            http_requests_total{job="mock-metrics",instance="host.docker.internal:8081"} 150
            # HELP request_duration_seconds Duration of HTTP requests in seconds.
            # TYPE request_duration_seconds histogram
            request_duration_seconds_bucket{job="mock-metrics",instance="host.docker.internal:8081",le="0.1"} 50
            request_duration_seconds_bucket{job="mock-metrics",instance="host.docker.internal:8081",le="0.2"} 100
            request_duration_seconds_bucket{job="mock-metrics",instance="host.docker.internal:8081",le="0.5"} 150
            request_duration_seconds_bucket{job="mock-metrics",instance="host.docker.internal:8081",le="1"} 150
            request_duration_seconds_bucket{job="mock-metrics",instance="host.docker.internal:8081",le="+Inf"} 150
            request_duration_seconds_sum{job="mock-metrics",instance="host.docker.internal:8081"} 33.5
            request_duration_seconds_count{job="mock-metrics",instance="host.docker.internal:8081"} 150
            """;

    @Test
    void seedSampleComesOutAsTheSeedShowsItWithStandardHistogramNames() {
        assertEquals(SEED_GOLDEN, ExpositionWriter.write(SeedAnswers.snapshot()));
    }

    @Test
    void severalTargetsSpecialValuesAndEscapesAreWrittenEscaped() {
        String text = ExpositionWriter.write(SeedAnswers.snapshot("\"job\":\"mock-metrics\",\"instance\":\"b:8081\""));
        assertTrue(text.contains("memory_usage_bytes{job=\"mock-metrics\",instance=\"b:8081\"} 512000000\n"), text);
        assertEquals("""
                # HELP odd_values Quotes " and back\\\\slash\\nand a newline
                # TYPE odd_values gauge
                odd_values{job="j",path="C:\\\\x \\"y\\"\\nz"} NaN
                odd_values{job="k"} -Inf
                """, ExpositionWriter.write(oddValues()));
    }

    /** Quotes, backslashes and newlines in HELP and labels, NaN, -Inf and a family without series. */
    static Snapshot oddValues() {
        return new Snapshot(Instant.now(), Duration.ZERO, List.of(
                new Family("odd_values", MetricType.GAUGE, "Quotes \" and back\\slash\nand a newline", false, List.of(
                        Series.sample("odd_values", Map.of("path", "C:\\x \"y\"\nz", "job", "j"), MetricType.GAUGE, Double.NaN),
                        Series.sample("odd_values", Map.of("job", "k"), MetricType.GAUGE, Double.NEGATIVE_INFINITY))),
                new Family("empty_family", MetricType.GAUGE, "no series", false, List.of())), List.of(), List.of());
    }

    @Test
    void derivedViewsAreNotExposed() {
        assertTrue(!ExpositionWriter.write(SeedAnswers.snapshot()).contains(":rate1m"));
    }
}
