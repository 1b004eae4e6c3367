package dev.servicemetrics.health;

import dev.servicemetrics.Timestamps;
import jakarta.inject.Inject;
import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * GET /health in the seed's shape ({"status":"ok","timestamp":"…Z"}; 503 "degraded"/"down" with the
 * failing checks, shared dependencies included), the Kubernetes probes /health/live, /health/ready,
 * /health/started, and /health/dependencies (Prometheus, Alertmanager, the database: never part of a probe),
 * all four in the standard MicroProfile Health JSON.
 */
@WebServlet(urlPatterns = {"/health", "/health/*"})
public class HealthServlet extends HttpServlet {

    @Inject
    HealthChecks checks;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String probe = request.getPathInfo();
        if (probe == null || "/".equals(probe)) {
            seedHealth(response);
            return;
        }
        HealthChecks.Kind kind = switch (probe) {
            case "/live" -> HealthChecks.Kind.LIVE;
            case "/ready" -> HealthChecks.Kind.READY;
            case "/started" -> HealthChecks.Kind.STARTED;
            case "/dependencies" -> HealthChecks.Kind.DEPENDENCIES;
            default -> null;
        };
        if (kind == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        List<HealthCheckResponse> results = checks.evaluate(kind);
        boolean up = allUp(results);
        write(response, up ? 200 : 503, JsonFactory.createObjectBuilder()
                .add("status", up ? "UP" : "DOWN")
                .add("checks", toJson(results))
                .build());
    }

    private void seedHealth(HttpServletResponse response) throws IOException {
        List<HealthCheckResponse> live = checks.evaluate(HealthChecks.Kind.LIVE);
        List<HealthCheckResponse> all = new ArrayList<>(live);
        all.addAll(checks.evaluate(HealthChecks.Kind.READY));
        all.addAll(checks.evaluate(HealthChecks.Kind.DEPENDENCIES));
        JsonObjectBuilder body = JsonFactory.createObjectBuilder();
        if (allUp(all)) {
            write(response, 200, body.add("status", "ok").add("timestamp", Timestamps.iso(Instant.now())).build());
            return;
        }
        String status = allUp(live) ? "degraded" : "down";
        List<HealthCheckResponse> failing = all.stream().filter(r -> r.getStatus() != HealthCheckResponse.Status.UP).toList();
        write(response, 503, body.add("status", status)
                .add("timestamp", Timestamps.iso(Instant.now()))
                .add("checks", toJson(failing))
                .build());
    }

    private static boolean allUp(List<HealthCheckResponse> results) {
        return results.stream().allMatch(r -> r.getStatus() == HealthCheckResponse.Status.UP);
    }

    private static JsonArrayBuilder toJson(List<HealthCheckResponse> results) {
        JsonArrayBuilder array = JsonFactory.createArrayBuilder();
        for (HealthCheckResponse result : results) {
            JsonObjectBuilder check = JsonFactory.createObjectBuilder()
                    .add("name", result.getName())
                    .add("status", result.getStatus().name());
            result.getData().ifPresent(data -> {
                JsonObjectBuilder values = JsonFactory.createObjectBuilder();
                data.forEach((key, value) -> {
                    if (value instanceof Number number) {
                        values.add(key, number.longValue());
                    } else if (value instanceof Boolean bool) {
                        values.add(key, bool);
                    } else {
                        values.add(key, String.valueOf(value));
                    }
                });
                check.add("data", values);
            });
            array.add(check);
        }
        return array;
    }

    private static void write(HttpServletResponse response, int status, JsonObject body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body.toString());
    }
}
