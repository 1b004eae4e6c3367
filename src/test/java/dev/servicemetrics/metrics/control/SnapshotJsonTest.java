package dev.servicemetrics.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotJsonTest {

    @Test
    void snapshotNamesEveryMetricWithItsTypeAndHelpInQueryListOrder() {
        JsonObject json = Json.createReader(new StringReader(
                SnapshotJson.snapshot(SeedAnswers.snapshot(), false).build().toString())).readObject();
        List<JsonObject> metrics = json.getJsonArray("metrics").getValuesAs(JsonObject.class);
        assertEquals(List.of("cpu_usage_seconds_total", "memory_usage_bytes", "disk_usage_percent", "http_requests_total",
                "request_duration_seconds", "cpu_usage_seconds:rate1m", "http_requests:rate1m", "request_duration_seconds:p50",
                "request_duration_seconds:p95", "request_duration_seconds:p99"), metrics.stream().map(m -> m.getString("name")).toList());
        JsonObject memory = metrics.get(1);
        assertEquals("gauge", memory.getString("type"));
        assertEquals("Current memory usage in bytes.", memory.getString("help"));
        assertEquals(false, memory.getBoolean("derived"));
        assertEquals("histogram", metrics.get(4).getString("type"));
        JsonObject rate = metrics.get(5);
        assertEquals(true, rate.getBoolean("derived"));
        assertEquals("gauge", rate.getString("type"));
        assertEquals(false, rate.getString("help").isBlank());
    }
}
