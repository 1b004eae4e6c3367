package dev.servicemetrics.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicemetrics.metrics.entity.Family;
import dev.servicemetrics.metrics.entity.MetricType;
import dev.servicemetrics.metrics.entity.Series;
import dev.servicemetrics.metrics.entity.Snapshot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snapshot builder: Prometheus' answers of one cycle become families in list order. */
class FamilyAssemblerTest {

    @Test
    void familiesFollowTheQueryListWithMetadataHelpAndTypes() {
        Snapshot snapshot = SeedAnswers.snapshot();
        List<String> names = snapshot.families().stream().map(Family::name).toList();
        assertEquals(List.of("cpu_usage_seconds_total", "memory_usage_bytes", "disk_usage_percent", "http_requests_total",
                "request_duration_seconds", "cpu_usage_seconds:rate1m", "http_requests:rate1m",
                "request_duration_seconds:p50", "request_duration_seconds:p95", "request_duration_seconds:p99"), names);
        Family cpu = snapshot.families().get(0);
        assertEquals("Total number of seconds the CPU has been in use.", cpu.help());
        assertEquals(MetricType.COUNTER, cpu.type());
        Family rate = snapshot.families().get(6);
        assertTrue(rate.derived());
        assertTrue(rate.help().startsWith("Derived by service-metrics: sum without"), rate.help());
    }

    @Test
    void histogramIsRebuiltFromBucketSumAndCount() {
        Series histogram = SeedAnswers.snapshot().families().get(4).series().get(0);
        assertEquals(Map.of("job", "mock-metrics", "instance", "host.docker.internal:8081"), histogram.labels());
        assertEquals(List.of(0.1, 0.2, 0.5, 1.0, Double.POSITIVE_INFINITY), List.copyOf(histogram.buckets().keySet()));
        assertEquals(List.of(50.0, 100.0, 150.0, 150.0, 150.0), List.copyOf(histogram.buckets().values()));
        assertEquals(33.5, histogram.sum());
        assertEquals(150.0, histogram.count());
        assertEquals(150.0, histogram.value());
    }

    @Test
    void severalTargetsAreSortedByJobThenInstance() {
        Snapshot snapshot = SeedAnswers.snapshot("\"job\":\"mock-metrics\",\"instance\":\"a:8081\"",
                "\"job\":\"aaa\",\"instance\":\"z:1\"");
        List<String> instances = snapshot.families().get(1).series().stream().map(s -> s.labels().get("instance")).toList();
        assertEquals(List.of("z:1", "a:8081", "host.docker.internal:8081"), instances);
        assertEquals(3, snapshot.families().get(4).series().size());
    }
}
