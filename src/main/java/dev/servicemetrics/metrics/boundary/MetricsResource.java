package dev.servicemetrics.metrics.boundary;

import dev.servicemetrics.Timestamps;
import dev.servicemetrics.config.ServiceConfiguration;
import dev.servicemetrics.metrics.control.HistoryLookup;
import dev.servicemetrics.metrics.control.HistoryRequest;
import dev.servicemetrics.metrics.control.PrometheusFailure;
import dev.servicemetrics.metrics.control.QueryList;
import dev.servicemetrics.metrics.control.SnapshotJson;
import dev.servicemetrics.metrics.control.SnapshotStore;
import dev.servicemetrics.metrics.entity.MetricQuery;
import dev.servicemetrics.metrics.entity.MetricType;
import dev.servicemetrics.metrics.entity.Snapshot;
import dev.servicemetrics.web.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import dev.servicemetrics.JsonFactory;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;

/** The latest snapshot as JSON, and the range data behind the charts. */
@ApplicationScoped
@Path("metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {

    @Inject
    SnapshotStore store;

    @Inject
    QueryList queries;

    @Inject
    HistoryLookup history;

    @Inject
    ServiceConfiguration configuration;

    @GET
    public Response latest() {
        Snapshot snapshot = store.latest().orElse(null);
        if (snapshot == null) {
            return new Problem(503, "No scrape cycle has succeeded yet; retry after the next one", "/api/metrics").toResponse();
        }
        return Response.ok(SnapshotJson.snapshot(snapshot, store.stale()).build().toString())
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("history")
    public Response history(@QueryParam("name") String name, @QueryParam("range") String range, @QueryParam("step") String step) {
        if (name == null || name.isBlank()) {
            throw new BadRequestException("The query parameter 'name' is required: one of the names of /api/metrics");
        }
        MetricQuery query = queries.named(name)
                .orElseThrow(() -> new NotFoundException("No metric named '" + name + "' is scraped"));
        if (query.type() == MetricType.HISTOGRAM) {
            throw new BadRequestException("'" + name + "' is a histogram and has no single-valued history; "
                    + "ask for one of its derived quantiles");
        }
        Duration window = range == null ? null : HistoryRequest.duration(range)
                .filter(d -> d.compareTo(HistoryRequest.MAX_RANGE) <= 0)
                .orElseThrow(() -> new BadRequestException("range='" + range + "' is not a Prometheus duration of at most 31d, such as 15m or 1h"));
        Duration effectiveRange = window == null ? configuration.historyWindow() : window;
        Duration effectiveStep = step == null ? history.defaultStep(effectiveRange) : HistoryRequest.duration(step)
                .filter(d -> d.toMillis() >= 1000 && d.toMillis() % 1000 == 0)
                .orElseThrow(() -> new BadRequestException("step='" + step + "' is not a whole number of seconds such as 10s or 1m"));
        HistoryRequest request = new HistoryRequest(effectiveRange, effectiveStep);
        if (request.points() > HistoryRequest.MAX_POINTS) {
            throw new BadRequestException("range/step gives " + request.points() + " points per series; at most "
                    + HistoryRequest.MAX_POINTS + " are allowed: use a larger step");
        }
        try {
            HistoryLookup.Answer answer = history.lookup(query, request, Instant.now());
            return Response.ok(JsonFactory.createObjectBuilder()
                    .add("name", name)
                    .add("range", HistoryRequest.format(request.range()))
                    .add("step", HistoryRequest.format(request.step()))
                    .add("start", Timestamps.iso(answer.start()))
                    .add("end", Timestamps.iso(answer.end()))
                    .add("source", answer.fromCycle() ? "cycle" : "prometheus")
                    .add("series", SnapshotJson.history(answer.series()))
                    .build().toString()).build();
        } catch (PrometheusFailure failure) {
            return new Problem(502, "Prometheus could not answer the range query: " + failure.reason().tag() + ": "
                    + failure.detail(), "/api/metrics/history").toResponse();
        }
    }
}
