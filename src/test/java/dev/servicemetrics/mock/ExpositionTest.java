package dev.servicemetrics.mock;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExpositionTest {

    @Test
    void firstScrapeShowsTheSeedsMetricsHelpTypesAndValues() {
        String text = Exposition.of(new Sample(0.15, 256_000_000, 75.5, 150, new long[] {50, 100, 150, 150, 150}, 27.5));
        assertEquals("""
                # HELP cpu_usage_seconds_total Total number of seconds the CPU has been in use.
                # TYPE cpu_usage_seconds_total counter
                cpu_usage_seconds_total 0.15
                # HELP memory_usage_bytes Current memory usage in bytes.
                # TYPE memory_usage_bytes gauge
                memory_usage_bytes 256000000
                # HELP disk_usage_percent Disk usage percentage.
                # TYPE disk_usage_percent gauge
                disk_usage_percent 75.5
                # HELP http_requests_total Total number of HTTP requests received.
                # TYPE http_requests_total counter
                http_requests_total 150
                # HELP request_duration_seconds Duration of HTTP requests in seconds.
                # TYPE request_duration_seconds histogram
                request_duration_seconds_bucket{le="0.1"} 50
                request_duration_seconds_bucket{le="0.2"} 100
                request_duration_seconds_bucket{le="0.5"} 150
                request_duration_seconds_bucket{le="1"} 150
                request_duration_seconds_bucket{le="+Inf"} 150
                request_duration_seconds_sum 27.5
                request_duration_seconds_count 150
                """, text);
    }

    @Test
    void numbersAreWrittenPlainWithoutExponentOrTrailingZero() {
        assertEquals("1", Exposition.number(1.0));
        assertEquals("0.1", Exposition.number(0.1));
        assertEquals("123456789012.5", Exposition.number(123456789012.5));
    }
}
