package dev.servicemetrics.metrics.control;

import dev.servicemetrics.CauseChain;
import dev.servicemetrics.metrics.control.PrometheusAnswers.InstantSample;
import dev.servicemetrics.metrics.control.PrometheusAnswers.MetricMetadata;
import dev.servicemetrics.metrics.control.PrometheusAnswers.RangeSeries;
import dev.servicemetrics.metrics.entity.FailureReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs instant and range queries and reads metadata through {@link PrometheusClient}; every way a call
 * can fail — no connection, no answer in time, an HTTP error, Prometheus' {@code "status":"error"},
 * a body that is not Prometheus' JSON — becomes a {@link PrometheusFailure} naming the query.
 */
@ApplicationScoped
public class PrometheusQueries {

    @Inject
    PrometheusClient prometheus;

    @Inject
    PrometheusConnection connection;

    @Inject
    ScrapeMetrics metrics;

    public List<InstantSample> instant(String name, String promql) {
        Answer answer = call(name, () -> prometheus.query(promql, timeout()));
        return PrometheusAnswers.instant(name, answer.status(), answer.body());
    }

    public List<RangeSeries> range(String name, String promql, Instant start, Instant end, Duration step) {
        Answer answer = call(name, () -> prometheus.queryRange(promql, seconds(start), seconds(end), step.toSeconds() + "s", timeout()));
        return PrometheusAnswers.range(name, answer.status(), answer.body());
    }

    public Map<String, MetricMetadata> metadata() {
        Answer answer = call("metadata", prometheus::metadata);
        return PrometheusAnswers.metadata(answer.status(), answer.body());
    }

    /** Whether Prometheus answers /-/ready with 200; the failure otherwise. */
    public void ready() {
        Answer answer = call("ready", prometheus::ready);
        if (answer.status() != 200) {
            throw new PrometheusFailure("ready", FailureReason.HTTP_STATUS, "HTTP " + answer.status() + " from /-/ready");
        }
    }

    private record Answer(int status, String body) {
    }

    private Answer call(String name, Supplier<Response> request) {
        long started = System.nanoTime();
        try (Response response = request.get()) {
            return new Answer(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "");
        } catch (RuntimeException transport) {
            throw transportFailure(name, transport);
        } finally {
            metrics.queried(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    static PrometheusFailure transportFailure(String name, Throwable thrown) {
        CauseChain causes = CauseChain.of(thrown);
        for (Throwable cause : causes.stream().toList()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
                return new PrometheusFailure(name, FailureReason.UNREACHABLE, describe(cause));
            }
            if (cause instanceof SocketTimeoutException timeout) {
                boolean connecting = String.valueOf(timeout.getMessage()).toLowerCase().contains("connect");
                return new PrometheusFailure(name, connecting ? FailureReason.UNREACHABLE : FailureReason.TIMEOUT, describe(cause));
            }
        }
        // a reset or a closed connection: Prometheus is not answering like an HTTP server
        return new PrometheusFailure(name, FailureReason.UNREACHABLE, describe(causes.root()));
    }

    private static String describe(Throwable cause) {
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private String timeout() {
        return connection.readTimeout().toMillis() + "ms";
    }

    private static String seconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3).toPlainString();
    }
}
