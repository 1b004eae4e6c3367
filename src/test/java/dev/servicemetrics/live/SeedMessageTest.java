package dev.servicemetrics.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicemetrics.metrics.control.SeedAnswers;
import org.junit.jupiter.api.Test;

class SeedMessageTest {

    @Test
    void oneTargetGivesExactlyTheSeedsMessage() {
        assertEquals("{\"cpu_usage_seconds_total\":0.15,\"memory_usage_bytes\":256000000,\"disk_usage_percent\":75.5,"
                        + "\"http_requests_total\":150,\"request_duration_seconds\":{\"0.1\":50,\"0.2\":100,\"0.5\":150,\"1\":150}}",
                SeedMessage.of(SeedAnswers.snapshot()));
    }

    @Test
    void severalTargetsSumCountersAndHistogramsAndTakeTheWorstGauge() {
        // the second target: cpu 0.35, memory 512000000, disk 80, requests 50, every bucket 10
        assertEquals("{\"cpu_usage_seconds_total\":0.5,\"memory_usage_bytes\":512000000,\"disk_usage_percent\":80,"
                        + "\"http_requests_total\":200,\"request_duration_seconds\":{\"0.1\":60,\"0.2\":110,\"0.5\":160,\"1\":160}}",
                SeedMessage.of(SeedAnswers.snapshot("\"job\":\"mock-metrics\",\"instance\":\"b:8081\"")));
    }
}
