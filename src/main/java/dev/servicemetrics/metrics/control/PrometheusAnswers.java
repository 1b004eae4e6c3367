package dev.servicemetrics.metrics.control;

import dev.servicemetrics.metrics.entity.FailureReason;
import dev.servicemetrics.metrics.entity.MetricType;
import dev.servicemetrics.metrics.entity.Snapshot.Point;
import dev.servicemetrics.JsonFactory;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON bodies of Prometheus' HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/):
 * instant vectors and scalars, range matrices, metadata, and the {@code "status":"error"} envelope.
 * Anything else is a {@link FailureReason#MALFORMED} failure naming the query.
 */
final class PrometheusAnswers {

    /** One series of an instant query. */
    record InstantSample(Map<String, String> labels, double value) {
    }

    /** One series of a range query. */
    record RangeSeries(Map<String, String> labels, List<Point> points) {
    }

    /** HELP and TYPE of one metric family as Prometheus' targets declared them. */
    record MetricMetadata(MetricType type, String help) {
    }

    private PrometheusAnswers() {
    }

    static List<InstantSample> instant(String query, int status, String body) {
        JsonObject data = data(query, status, body);
        String resultType = data.getString("resultType", "");
        try {
            List<InstantSample> samples = new ArrayList<>();
            switch (resultType) {
                case "vector" -> {
                    for (JsonValue item : data.getJsonArray("result")) {
                        JsonObject series = item.asJsonObject();
                        samples.add(new InstantSample(labels(series.getJsonObject("metric")), value(series.getJsonArray("value"))));
                    }
                }
                case "scalar" -> samples.add(new InstantSample(Map.of(), value(data.getJsonArray("result"))));
                default -> throw malformed(query, "result type '" + resultType + "' is neither vector nor scalar");
            }
            return samples;
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException | NumberFormatException shape) {
            throw malformed(query, "unexpected result shape: " + shape.getMessage());
        }
    }

    static List<RangeSeries> range(String query, int status, String body) {
        JsonObject data = data(query, status, body);
        if (!"matrix".equals(data.getString("resultType", ""))) {
            throw malformed(query, "result type '" + data.getString("resultType", "") + "' is not matrix");
        }
        try {
            List<RangeSeries> all = new ArrayList<>();
            for (JsonValue item : data.getJsonArray("result")) {
                JsonObject series = item.asJsonObject();
                List<Point> points = new ArrayList<>();
                for (JsonValue pair : series.getJsonArray("values")) {
                    JsonArray sample = pair.asJsonArray();
                    points.add(new Point(epochMillis(sample), value(sample)));
                }
                all.add(new RangeSeries(labels(series.getJsonObject("metric")), points));
            }
            return all;
        } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException | NumberFormatException shape) {
            throw malformed(query, "unexpected result shape: " + shape.getMessage());
        }
    }

    static Map<String, MetricMetadata> metadata(int status, String body) {
        JsonObject data = data("metadata", status, body);
        Map<String, MetricMetadata> metadata = new HashMap<>();
        try {
            data.forEach((name, entries) -> {
                JsonArray list = entries.asJsonArray();
                if (!list.isEmpty()) {
                    JsonObject first = list.getJsonObject(0);
                    metadata.put(name, new MetricMetadata(MetricType.of(first.getString("type", null)), first.getString("help", "")));
                }
            });
        } catch (ClassCastException shape) {
            throw malformed("metadata", "unexpected shape: " + shape.getMessage());
        }
        return metadata;
    }

    private static JsonObject data(String query, int status, String body) {
        JsonObject answer;
        try (var reader = JsonFactory.createReader(new StringReader(body == null ? "" : body))) {
            answer = reader.readObject();
        } catch (JsonException | IllegalStateException notJson) {
            if (status != 200) {
                throw new PrometheusFailure(query, FailureReason.HTTP_STATUS, "HTTP " + status + ": " + abbreviated(body));
            }
            throw malformed(query, "not JSON: " + abbreviated(body));
        }
        String outcome = answer.getString("status", "");
        if ("error".equals(outcome)) {
            throw new PrometheusFailure(query, FailureReason.QUERY_ERROR,
                    printable(answer.getString("errorType", "error")) + ": " + printable(answer.getString("error", "(no message)")));
        }
        if (status != 200) {
            throw new PrometheusFailure(query, FailureReason.HTTP_STATUS, "HTTP " + status + ": " + abbreviated(body));
        }
        if (!"success".equals(outcome) || !(answer.get("data") instanceof JsonObject data)) {
            throw malformed(query, "no \"status\":\"success\" with a data object: " + abbreviated(body));
        }
        return data;
    }

    private static Map<String, String> labels(JsonObject metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        metric.forEach((name, value) -> {
            if (!"__name__".equals(name)) {
                labels.put(name, ((jakarta.json.JsonString) value).getString());
            }
        });
        return labels;
    }

    /** [unix seconds as a number, value as a string] — the value may be "NaN", "+Inf" or "-Inf". */
    private static double value(JsonArray sample) {
        return SampleValues.parse(sample.getString(1));
    }

    private static long epochMillis(JsonArray sample) {
        return new BigDecimal(sample.getJsonNumber(0).toString()).movePointRight(3).longValue();
    }

    private static PrometheusFailure malformed(String query, String detail) {
        return new PrometheusFailure(query, FailureReason.MALFORMED, detail);
    }

    private static String abbreviated(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String line = printable(body);
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    /**
     * Upstream text on one line, without control characters: it goes into log lines, health data and the snapshot,
     * where a newline would forge a log line and an escape sequence would drive the terminal that shows the log.
     */
    static String printable(String text) {
        return text.strip().replaceAll("\\s+", " ").replaceAll("\\p{Cc}", "\uFFFD");
    }
}
