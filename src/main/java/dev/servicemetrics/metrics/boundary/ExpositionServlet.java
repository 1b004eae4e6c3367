package dev.servicemetrics.metrics.boundary;

import dev.servicemetrics.metrics.control.ExpositionWriter;
import dev.servicemetrics.metrics.control.SnapshotStore;
import dev.servicemetrics.metrics.entity.Snapshot;
import dev.servicemetrics.web.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * GET /metrics: the latest snapshot in the text exposition format, as the seed shows it. Before the first
 * successful cycle there is nothing true to say, so the answer is 503 problem+json rather than an empty
 * body that a scraper would take for "no metrics".
 */
@WebServlet("/metrics")
public class ExpositionServlet extends HttpServlet {

    @Inject
    SnapshotStore store;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Snapshot> latest = store.latest();
        response.setHeader("Cache-Control", "no-store");
        if (latest.isEmpty()) {
            Problem problem = new Problem(503, "No scrape cycle has succeeded yet; retry after the next one", "/metrics");
            response.setHeader("Retry-After", "1");
            problem.writeTo(response, true);
            return;
        }
        response.setContentType(ExpositionWriter.CONTENT_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(ExpositionWriter.write(latest.get()));
    }
}
