package dev.servicemetrics.live;

import dev.servicemetrics.metrics.entity.Family;
import dev.servicemetrics.metrics.entity.MetricType;
import dev.servicemetrics.metrics.entity.Series;
import dev.servicemetrics.metrics.entity.Snapshot;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Part of DashboardsIT's deployment only, which has no scrape schedule: fires the snapshot a scrape cycle would,
 * with the memory gauge of {@code ?memory=}, as the schedule does (an asynchronous CDI event).
 */
@WebServlet("/test/snapshot")
public class SnapshotTrigger extends HttpServlet {

    @Inject
    Event<Snapshot> snapshots;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        double memory = Double.parseDouble(request.getParameter("memory"));
        Series series = Series.sample("memory_usage_bytes", Map.of("job", "mock-metrics", "instance", "127.0.0.1:8081"),
                MetricType.GAUGE, memory);
        snapshots.fireAsync(new Snapshot(Instant.now(), Duration.ZERO,
                List.of(new Family("memory_usage_bytes", MetricType.GAUGE, "Current memory usage in bytes.", false, List.of(series))),
                List.of(), List.of()));
        response.setStatus(HttpServletResponse.SC_ACCEPTED);
    }
}
