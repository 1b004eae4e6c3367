package dev.servicemetrics.mock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MockExporterTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static MockExporter exporter;

    @BeforeAll
    static void startOnAFreeLoopbackPort() {
        exporter = MockExporter.start("127.0.0.1", 0, 42);
    }

    @AfterAll
    static void stop() {
        exporter.close();
    }

    @Test
    void servesTheFiveMetricsInTextFormat004() throws Exception {
        HttpResponse<String> response = get("GET", "/metrics");
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        for (String name : new String[] {"cpu_usage_seconds_total", "memory_usage_bytes", "disk_usage_percent",
                "http_requests_total", "request_duration_seconds"}) {
            assertTrue(response.body().contains("# TYPE " + name + " "), name + " missing:\n" + response.body());
        }
        assertTrue(response.body().contains("request_duration_seconds_bucket{le=\"+Inf\"} "));
    }

    @Test
    void answersHealthyIndexAndNotFound() throws Exception {
        assertEquals(200, get("GET", "/-/healthy").statusCode());
        assertTrue(get("GET", "/").body().contains("/metrics"));
        assertEquals(404, get("GET", "/nothing-here").statusCode());
        assertEquals(200, get("HEAD", "/metrics").statusCode());
        assertEquals(405, get("POST", "/metrics").statusCode());
    }

    @Test
    void startedLaterOnItsTimelineItServesThatSecondsValues() throws Exception {
        assertTrue(disk(exporter) < 80, "at second 0 the disk is near the seed's 75.5 %");
        try (MockExporter later = MockExporter.start("127.0.0.1", 0, 42, 120)) {
            assertTrue(disk(later) > 90, "two minutes in, the disk is past the demo rule's 90 %");
        }
    }

    private static double disk(MockExporter mock) throws IOException, InterruptedException {
        String body = HTTP.send(HttpRequest.newBuilder(mock.uri().resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.lines().filter(line -> line.startsWith("disk_usage_percent "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElseThrow();
    }

    private static HttpResponse<String> get(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(exporter.uri().resolve(path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
